package dev.aegis.core.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.regex.Pattern;

/**
 * What happened, before it becomes an entry: the store gives it its sequence, id, time and hashes. {@code before}
 * and {@code after} are canonical JSON (RFC 8785) that {@link #of} made from the object's redacted snapshot.
 *
 * @param actor a key id ({@code key_...}) or {@link #SYSTEM}
 * @param requestId the request that made the change, or null (a change Aegis made on its own)
 * @param decisionId the policy decision the change followed from, or null
 */
public record AuditRecord(String tenantId, String actor, String action, String objectType, String objectId,
    String before, String after, String requestId, String decisionId) {
  /** The actor of changes made by the system admin key or by Aegis itself. */
  public static final String SYSTEM = "system";
  public static final Pattern ACTION = Pattern.compile("[a-z][a-z0-9_]*(?:\\.[a-z][a-z0-9_]*)+");
  public static final Pattern OBJECT_TYPE = Pattern.compile("[a-z][a-z0-9_]*");
  public static final int MAX_ID_LENGTH = 200;
  private static final Pattern KEY_ID = Pattern.compile("key_[0-9a-z]{1,64}");
  private static final ObjectMapper JSON = new ObjectMapper();

  public AuditRecord {
    require(tenantId, "tenantId");
    require(objectId, "objectId");
    if (actor == null || !(SYSTEM.equals(actor) || KEY_ID.matcher(actor).matches())) {
      throw new IllegalArgumentException("the actor must be a key id or 'system', was " + actor);
    }
    if (action == null || !ACTION.matcher(action).matches()) {
      throw new IllegalArgumentException("an action is dotted lowercase words such as key.created, was " + action);
    }
    if (objectType == null || !OBJECT_TYPE.matcher(objectType).matches()) {
      throw new IllegalArgumentException("an object type is a lowercase word such as key, was " + objectType);
    }
    checkCanonical(before, "before");
    checkCanonical(after, "after");
  }

  /**
   * A record whose {@code before} and {@code after} are the given snapshots, redacted by {@link AuditSnapshots}
   * and canonicalized; a null or JSON null snapshot stays null.
   */
  public static AuditRecord of(String tenantId, String actor, String action, String objectType, String objectId,
      JsonNode before, JsonNode after, String requestId, String decisionId) {
    return new AuditRecord(tenantId, actor, action, objectType, objectId, canonical(before), canonical(after),
        requestId, decisionId);
  }

  private static String canonical(JsonNode snapshot) {
    return snapshot == null || snapshot.isNull() || snapshot.isMissingNode() ? null
        : CanonicalJson.write(AuditSnapshots.redact(snapshot));
  }

  private static void checkCanonical(String json, String name) {
    if (json == null) {
      return;
    }
    try {
      if (!CanonicalJson.write(JSON.readTree(json)).equals(json)) {
        throw new IllegalArgumentException(name + " must be canonical JSON (RFC 8785); use AuditRecord.of");
      }
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(name + " is not JSON: " + e.getOriginalMessage(), e);
    }
  }

  private static void require(String value, String name) {
    if (value == null || value.isBlank() || value.length() > MAX_ID_LENGTH) {
      throw new IllegalArgumentException(name + " must be 1 to " + MAX_ID_LENGTH + " characters, was " + value);
    }
  }
}

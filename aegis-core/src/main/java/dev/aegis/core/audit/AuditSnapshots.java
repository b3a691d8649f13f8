package dev.aegis.core.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The last guard before a snapshot is hashed into the audit log: members whose names say they hold a secret are
 * dropped, at any depth. The snapshots the server records are already built without secrets (a key is its id,
 * name, prefix, roles and times); this catches the field someone adds to a view later.
 */
public final class AuditSnapshots {
  /**
   * Names such as {@code secret}, {@code secret_hash}, {@code password}, {@code api_key}, {@code access_token},
   * {@code client_secret}, {@code credentials} or {@code private_key}; not {@code max_tokens_per_run}.
   */
  public static final Pattern SECRET_NAME = Pattern.compile(
      "(?:.*[_-])?(?:secret|password|passphrase|token|api_?key|authorization|credentials?|private_?key)"
          + "(?:[_-]hash)?");

  private AuditSnapshots() {}

  /** A copy of the snapshot without secret-named members. */
  public static JsonNode redact(JsonNode snapshot) {
    if (snapshot.isObject()) {
      ObjectNode copy = JsonNodeFactory.instance.objectNode();
      for (Map.Entry<String, JsonNode> member : snapshot.properties()) {
        if (!isSecretName(member.getKey())) {
          copy.set(member.getKey(), redact(member.getValue()));
        }
      }
      return copy;
    }
    if (snapshot.isArray()) {
      ArrayNode copy = JsonNodeFactory.instance.arrayNode();
      snapshot.forEach(item -> copy.add(redact(item)));
      return copy;
    }
    return snapshot;
  }

  public static boolean isSecretName(String name) {
    return SECRET_NAME.matcher(name.toLowerCase(Locale.ROOT)).matches();
  }
}

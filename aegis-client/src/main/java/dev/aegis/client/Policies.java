package dev.aegis.client;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Policies as code for the key's tenant: apply, read, list, history, diff, rollback, delete, validate and simulate;
 * reached with {@link AegisClient#policies()}. Changes need an {@code admin} key; reads an {@code admin},
 * {@code operator} or {@code approver} key.
 */
public final class Policies {
  private final Transport transport;

  Policies(Transport transport) {
    this.transport = transport;
  }

  /**
   * Stores {@code text} as the next version of the policy, after validating it. Applying the document the policy
   * already has stores nothing ({@link AppliedPolicy#changed()} is false). 422 with a pointer per error; 412 when
   * {@link ApplyOptions#expectedVersion()} is no longer the latest; 403 without the admin role.
   *
   * @param policyId must equal the document's {@code policy_id}
   * @param text the document in JSON or YAML, kept verbatim as the version's source
   */
  public AppliedPolicy apply(String policyId, String text, SourceFormat format, ApplyOptions options) {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(options, "options");
    List<Map.Entry<String, String>> query = new ArrayList<>();
    if (options.comment() != null) {
      query.add(Map.entry("comment", options.comment()));
    }
    Map<String, String> headers = new LinkedHashMap<>();
    if (options.expectedVersion() != null) {
      if (options.expectedVersion() == 0) {
        headers.put("If-None-Match", "*");
      } else {
        headers.put("If-Match", "\"" + options.expectedVersion() + "\"");
      }
    }
    return transport.exchange("PUT", path(policyId), query, headers,
        Transport.Raw.text(format.mediaType(), text), Transport.type(AppliedPolicy.class));
  }

  /** {@link #apply(String, String, SourceFormat, ApplyOptions)} without a comment or a precondition. */
  public AppliedPolicy apply(String policyId, String text, SourceFormat format) {
    return apply(policyId, text, format, ApplyOptions.none());
  }

  /** The current version with its document; 404 when there is none or the policy was deleted. */
  public Policy get(String policyId) {
    return transport.get(path(policyId), Map.of(), Transport.type(Policy.class));
  }

  /** One version with its document (none for a deletion); 404 when the policy has no such version. */
  public Policy get(String policyId, int version) {
    return transport.get(path(policyId), Map.of("version", Integer.toString(version)), Transport.type(Policy.class));
  }

  /** The current version's text exactly as it was submitted. */
  public PolicySource source(String policyId) {
    return source(policyId, null);
  }

  /** A version's text exactly as it was submitted; 404 for a deletion, which has none. Null means the current. */
  public PolicySource source(String policyId, Integer version) {
    Transport.Text text = transport.getText(path(policyId) + "/source",
        version == null ? Map.of() : Map.of("version", version.toString()));
    return new PolicySource(text.body(), SourceFormat.fromContentType(text.contentType()), versionOf(text.etag()));
  }

  /** One page of the tenant's live policies (current versions without documents), by policy id. */
  public Page<Policy> list(PageQuery query) {
    return transport.get("/api/v1/policies", Tenants.params(query), Transport.pageOf(Policy.class));
  }

  /** Every live policy of the tenant, fetched page by page as the stream is consumed. */
  public Stream<Policy> listAll() {
    return Pages.stream(this::list, PageQuery.first(PageQuery.MAX_LIMIT));
  }

  /** One page of a policy's versions, newest first, deletions included; 404 when the policy never existed. */
  public Page<Policy> history(String policyId, PageQuery query) {
    return transport.get(path(policyId) + "/versions", Tenants.params(query), Transport.pageOf(Policy.class));
  }

  /** Every version of a policy, newest first. */
  public Stream<Policy> historyAll(String policyId) {
    return Pages.stream(q -> history(policyId, q), PageQuery.first(PageQuery.MAX_LIMIT));
  }

  /** What the latest version changed compared with the one before it. */
  public PolicyDiff diff(String policyId) {
    return diff(policyId, null, null);
  }

  /**
   * What changed from version {@code from} to version {@code to}.
   *
   * @param from null for the version before {@code to}
   * @param to null for the current version
   */
  public PolicyDiff diff(String policyId, Integer from, Integer to) {
    Map<String, String> query = new LinkedHashMap<>();
    if (from != null) {
      query.put("from", from.toString());
    }
    if (to != null) {
      query.put("to", to.toString());
    }
    return transport.get(path(policyId) + "/diff", query, Transport.type(PolicyDiff.class));
  }

  /**
   * Makes a new version with the document of {@code toVersion}; history is never rewritten. 404 when that version
   * does not exist or is a deletion.
   */
  public AppliedPolicy rollback(String policyId, int toVersion, String comment) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("to_version", toVersion);
    if (comment != null) {
      body.put("comment", comment);
    }
    return transport.post(path(policyId) + "/rollback", body, Transport.type(AppliedPolicy.class));
  }

  /**
   * Deletes the policy: a new version records the deletion and the policy stops applying; its history stays. 404
   * when there is no live policy of that id.
   */
  public void delete(String policyId) {
    transport.delete(path(policyId));
  }

  /** Checks a document without storing it: its canonical form, or the 422 an apply would get. */
  public PolicyValidation validate(String text, SourceFormat format) {
    return transport.exchange("POST", "/api/v1/policies/validate", List.of(), Map.of(),
        Transport.Raw.text(format.mediaType(), text), Transport.type(PolicyValidation.class));
  }

  /**
   * Replays the tenant's logged decisions of the last {@code since} against {@code text} in place of the policy's
   * current version (or in addition, for a new policy) and reports which outcomes would change. Nothing is stored.
   *
   * @param since such as {@code 24h}, {@code 90m} or {@code 7d}; null for the server's default
   */
  public PolicySimulation simulate(String policyId, String text, SourceFormat format, String since) {
    List<Map.Entry<String, String>> query = since == null ? List.of() : List.of(Map.entry("since", since));
    return transport.exchange("POST", path(policyId) + "/simulate", query, Map.of(),
        Transport.Raw.text(format.mediaType(), text), Transport.type(PolicySimulation.class));
  }

  private static String path(String policyId) {
    return "/api/v1/policies/" + Transport.segment(policyId);
  }

  /** The version an ETag such as {@code "3"} names, or 0 when there is none. */
  static int versionOf(String etag) {
    if (etag == null) {
      return 0;
    }
    String digits = etag.replace("W/", "").replace("\"", "").strip();
    try {
      return Integer.parseInt(digits);
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}

package dev.aegis.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Reads, verifies and exports a tenant's audit log; reached with {@link AegisClient#audit()}. Needs an admin,
 * operator or approver key of the tenant, or the system admin key with the tenant named.
 */
public final class Audit {
  private final Transport transport;

  Audit(Transport transport) {
    this.transport = transport;
  }

  /** One page of the entries that match, newest first; 400 naming each bad filter. */
  public Page<AuditEntry> list(AuditFilter filter, PageQuery query) {
    Objects.requireNonNull(filter, "filter");
    return transport.get("/api/v1/audit", filter.params(query), Transport.pageOf(AuditEntry.class));
  }

  /** Every entry that matches, newest first, fetched page by page as the stream is consumed. */
  public Stream<AuditEntry> listAll(AuditFilter filter) {
    return Pages.stream(query -> list(filter, query), PageQuery.first(PageQuery.MAX_LIMIT));
  }

  /** Has the server recompute the key's tenant's chain. */
  public AuditVerification verify() {
    return verify(null);
  }

  /** Has the server recompute a tenant's chain; {@code tenant} (id or name) is for the system admin key. */
  public AuditVerification verify(String tenant) {
    return transport.get("/api/v1/audit/verify", tenantParam(tenant), Transport.type(AuditVerification.class));
  }

  /**
   * Writes every entry of the key's tenant to {@code out} as JSON Lines, oldest first, each with its hash, so that
   * it can be verified offline. The answer says whether the lines reach the head the server named.
   */
  public AuditExport export(OutputStream out) {
    return export(null, out);
  }

  /** As {@link #export(OutputStream)}, for a tenant (id or name) named with the system admin key. */
  public AuditExport export(String tenant, OutputStream out) {
    Transport.Streamed answer = transport.stream("/api/v1/audit/export", tenantParam(tenant));
    String head = answer.headers().firstValue("Aegis-Audit-Head").orElse(null);
    long entries = 0;
    String last = null;
    try (InputStream body = answer.body();
        BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
      for (String line = read(lines, entries); line != null; line = read(lines, entries)) {
        out.write(line.getBytes(StandardCharsets.UTF_8));
        out.write('\n');
        entries++;
        last = line;
      }
      out.flush();
    } catch (IOException e) {
      // reading failures are thrown by read(); this is the caller's stream failing
      throw new UncheckedIOException("cannot write the audit export: " + e.getMessage(), e);
    }
    Long lastSequence = last == null ? null : sequenceOf(last);
    if (head == null) {
      return new AuditExport(entries, lastSequence, null, null);
    }
    String[] parts = head.split(" ", 2);
    try {
      return new AuditExport(entries, lastSequence, Long.parseLong(parts[0]), parts.length > 1 ? parts[1] : null);
    } catch (NumberFormatException e) {
      throw new AegisClientException("Aegis at " + transport.displayUrl() + " named the head of the export '"
          + head + "', which this client cannot read", e);
    }
  }

  private String read(BufferedReader lines, long entries) {
    try {
      return lines.readLine();
    } catch (IOException e) {
      throw new AegisConnectionException(transport.baseUrl(), "lost the connection to Aegis at "
          + transport.displayUrl() + " after " + entries + " entries of the audit export: " + e.getMessage(), e);
    }
  }

  private static Long sequenceOf(String line) {
    try {
      return Transport.MAPPER.readTree(line).path("sequence").asLong();
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  private static Map<String, String> tenantParam(String tenant) {
    Map<String, String> params = new HashMap<>();
    if (tenant != null) {
      params.put("tenant", tenant);
    }
    return params;
  }
}

package dev.aegis.store;

import dev.aegis.core.page.Page;
import dev.aegis.core.page.PageRequest;
import dev.aegis.core.policy.PolicyChange;
import dev.aegis.core.policy.PolicyStore;
import dev.aegis.core.policy.PolicyVersion;
import dev.aegis.core.policy.PolicyWrite;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Policy versions are only ever inserted. A change runs in one transaction that first locks the tenant's revision
 * row, so that the changes of one tenant happen one after the other and version numbers stay dense.
 */
final class JdbcPolicyStore implements PolicyStore {
  private static final String COLUMNS = "v.tenant_id, v.policy_id, v.version, v.document, v.source,"
      + " v.source_format, v.digest, v.change, v.rolled_back_from, v.actor, v.comment, v.created_at";
  /** The live versions: each head joined to the version in force. */
  private static final String LIVE = " FROM policy_heads p JOIN policy_versions v ON v.tenant_id = p.tenant_id"
      + " AND v.policy_id = p.policy_id AND v.version = p.live_version";

  private final Jdbi jdbi;
  private final Dialect dialect;

  JdbcPolicyStore(Jdbi jdbi, Dialect dialect) {
    this.jdbi = jdbi;
    this.dialect = dialect;
  }

  @Override
  public PolicyWrite apply(String tenantId, String policyId, String document, String source,
      PolicyVersion.Format format, String actor, String comment, Integer expectedVersion, Instant at) {
    required(tenantId, "tenantId");
    required(policyId, "policyId");
    required(document, "document");
    required(source, "source");
    required(actor, "actor");
    if (format == null || at == null) {
      throw new IllegalArgumentException("a policy change needs its source format and time");
    }
    if (expectedVersion != null && expectedVersion < 0) {
      throw new IllegalArgumentException("expectedVersion must be 0 or more, was " + expectedVersion);
    }
    String digest = PolicyVersion.digestOf(document);
    Instant createdAt = at.truncatedTo(ChronoUnit.MILLIS);
    return Sql.call("apply a policy", () -> jdbi.inTransaction(h -> {
      Head head = lockAndReadHead(h, tenantId, policyId);
      Optional<PolicyVersion> live = head.live() == null
          ? Optional.empty() : read(h, tenantId, policyId, head.live());
      if (live.isPresent() && live.get().digest().equals(digest)) {
        return new PolicyWrite.Unchanged(live.get());
      }
      if (expectedVersion != null && expectedVersion != head.latest()) {
        return new PolicyWrite.Conflict(expectedVersion, head.latest());
      }
      PolicyChange change = live.isPresent() ? PolicyChange.UPDATE : PolicyChange.CREATE;
      return write(h, new PolicyVersion(tenantId, policyId, head.latest() + 1, document, source, format, digest,
          change, null, actor, comment, createdAt));
    }));
  }

  @Override
  public PolicyWrite rollback(String tenantId, String policyId, int toVersion, String actor, String comment,
      Instant at) {
    required(tenantId, "tenantId");
    required(policyId, "policyId");
    required(actor, "actor");
    if (at == null) {
      throw new IllegalArgumentException("a policy change needs its time");
    }
    Instant createdAt = at.truncatedTo(ChronoUnit.MILLIS);
    return Sql.call("roll back a policy", () -> jdbi.inTransaction(h -> {
      Head head = lockAndReadHead(h, tenantId, policyId);
      if (head.latest() == 0) {
        return new PolicyWrite.Missing(policyId, null);
      }
      Optional<PolicyVersion> target = toVersion < 1 ? Optional.empty() : read(h, tenantId, policyId, toVersion);
      if (target.isEmpty() || target.get().isTombstone()) {
        return new PolicyWrite.Missing(policyId, toVersion);
      }
      PolicyVersion old = target.get();
      if (head.live() != null) {
        PolicyVersion live = read(h, tenantId, policyId, head.live()).orElseThrow();
        if (live.digest().equals(old.digest())) {
          return new PolicyWrite.Unchanged(live);
        }
      }
      return write(h, new PolicyVersion(tenantId, policyId, head.latest() + 1, old.document(), old.source(),
          old.sourceFormat(), old.digest(), PolicyChange.ROLLBACK, toVersion, actor, comment, createdAt));
    }));
  }

  @Override
  public PolicyWrite delete(String tenantId, String policyId, String actor, Instant at) {
    required(tenantId, "tenantId");
    required(policyId, "policyId");
    required(actor, "actor");
    if (at == null) {
      throw new IllegalArgumentException("a policy change needs its time");
    }
    Instant createdAt = at.truncatedTo(ChronoUnit.MILLIS);
    return Sql.call("delete a policy", () -> jdbi.inTransaction(h -> {
      Head head = lockAndReadHead(h, tenantId, policyId);
      if (head.live() == null) {
        return new PolicyWrite.Missing(policyId, null);
      }
      return write(h, new PolicyVersion(tenantId, policyId, head.latest() + 1, null, null, null, null,
          PolicyChange.DELETE, null, actor, null, createdAt));
    }));
  }

  /** The policy's head, read after taking the tenant's lock; latest 0 and live null when it never existed. */
  private Head lockAndReadHead(Handle h, String tenantId, String policyId) {
    lockRevisions(h, dialect, tenantId);
    return h.createQuery("SELECT latest_version, live_version FROM policy_heads"
            + " WHERE tenant_id = :tenant AND policy_id = :policy")
        .bind("tenant", tenantId)
        .bind("policy", policyId)
        .map((rs, ctx) -> new Head(rs.getInt("latest_version"), Rows.intOrNull(rs, "live_version")))
        .findOne()
        .orElse(new Head(0, null));
  }

  /**
   * Locks the tenant's revision row (creating it first), so that the tenant's policy and cap changes run one after
   * the other until the transaction ends.
   */
  static void lockRevisions(Handle h, Dialect dialect, String tenantId) {
    h.createUpdate("INSERT INTO policy_revisions (tenant_id, policies, cap_overrides) VALUES (:tenant, 0, 0)"
            + " ON CONFLICT (tenant_id) DO NOTHING")
        .bind("tenant", tenantId)
        .execute();
    // SQLite transactions here are BEGIN IMMEDIATE: the write lock is already held. PostgreSQL locks the row, and
    // a waiting transaction reads afresh once it has the lock (READ COMMITTED takes a new snapshot per statement).
    if (dialect == Dialect.POSTGRESQL) {
      h.createQuery("SELECT policies FROM policy_revisions WHERE tenant_id = :tenant FOR UPDATE")
          .bind("tenant", tenantId)
          .mapTo(Long.class)
          .one();
    }
  }

  /** Inserts the version, moves the head to it and bumps the revision; the caller holds the tenant's lock. */
  private static PolicyWrite write(Handle h, PolicyVersion v) {
    h.createUpdate("INSERT INTO policy_versions (tenant_id, policy_id, version, document, source, source_format,"
            + " digest, change, rolled_back_from, actor, comment, created_at) VALUES (:tenant, :policy, :version,"
            + " :document, :source, :format, :digest, :change, :from, :actor, :comment, :created)")
        .bind("tenant", v.tenantId())
        .bind("policy", v.policyId())
        .bind("version", v.version())
        .bind("document", v.document())
        .bind("source", v.source())
        .bind("format", v.sourceFormat() == null ? null : v.sourceFormat().wireName())
        .bind("digest", v.digest())
        .bind("change", v.change().wireName())
        .bind("from", v.rolledBackFrom())
        .bind("actor", v.actor())
        .bind("comment", v.comment())
        .bind("created", Times.toMillis(v.createdAt()))
        .execute();
    h.createUpdate("INSERT INTO policy_heads (tenant_id, policy_id, latest_version, live_version)"
            + " VALUES (:tenant, :policy, :version, :live) ON CONFLICT (tenant_id, policy_id)"
            + " DO UPDATE SET latest_version = excluded.latest_version, live_version = excluded.live_version")
        .bind("tenant", v.tenantId())
        .bind("policy", v.policyId())
        .bind("version", v.version())
        .bind("live", v.isTombstone() ? null : v.version())
        .execute();
    h.createUpdate("UPDATE policy_revisions SET policies = policies + 1 WHERE tenant_id = :tenant")
        .bind("tenant", v.tenantId())
        .execute();
    return new PolicyWrite.Written(v);
  }

  @Override
  public Optional<PolicyVersion> current(String tenantId, String policyId) {
    return Sql.call("read a policy", () -> jdbi.withHandle(h ->
        h.createQuery("SELECT " + COLUMNS + LIVE + " WHERE p.tenant_id = :tenant AND p.policy_id = :policy")
            .bind("tenant", tenantId)
            .bind("policy", policyId)
            .map(JdbcPolicyStore::map)
            .findOne()));
  }

  @Override
  public Optional<PolicyVersion> version(String tenantId, String policyId, int version) {
    return Sql.call("read a policy version", () -> jdbi.withHandle(h -> read(h, tenantId, policyId, version)));
  }

  private static Optional<PolicyVersion> read(Handle h, String tenantId, String policyId, int version) {
    return h.createQuery("SELECT " + COLUMNS + " FROM policy_versions v"
            + " WHERE v.tenant_id = :tenant AND v.policy_id = :policy AND v.version = :version")
        .bind("tenant", tenantId)
        .bind("policy", policyId)
        .bind("version", version)
        .map(JdbcPolicyStore::map)
        .findOne();
  }

  @Override
  public Page<PolicyVersion> list(String tenantId, PageRequest page) {
    return Sql.call("list policies", () -> jdbi.withHandle(h -> {
      var rows = h.createQuery("SELECT " + COLUMNS + LIVE + " WHERE p.tenant_id = :tenant"
              + (page.afterId() == null ? "" : " AND p.policy_id > :after")
              + " ORDER BY p.policy_id LIMIT :limit")
          .bind("tenant", tenantId)
          .bind("after", page.afterId())
          .bind("limit", page.limit() + 1)
          .map(JdbcPolicyStore::map)
          .list();
      return Page.fromOverfetch(rows, page.limit(), PolicyVersion::policyId);
    }));
  }

  @Override
  public Page<PolicyVersion> history(String tenantId, String policyId, PageRequest page) {
    Integer after = page.afterId() == null ? null : versionCursor(page.afterId());
    return Sql.call("read a policy's history", () -> jdbi.withHandle(h -> {
      var rows = h.createQuery("SELECT " + COLUMNS + " FROM policy_versions v"
              + " WHERE v.tenant_id = :tenant AND v.policy_id = :policy"
              + (after == null ? "" : " AND v.version < :after")
              + " ORDER BY v.version DESC LIMIT :limit")
          .bind("tenant", tenantId)
          .bind("policy", policyId)
          .bind("after", after)
          .bind("limit", page.limit() + 1)
          .map(JdbcPolicyStore::map)
          .list();
      return Page.fromOverfetch(rows, page.limit(), v -> Integer.toString(v.version()));
    }));
  }

  private static int versionCursor(String afterId) {
    try {
      int version = Integer.parseInt(afterId);
      if (version >= 1) {
        return version;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException("not a policy history cursor: " + afterId);
  }

  @Override
  public List<PolicyVersion> allCurrent(String tenantId) {
    return Sql.call("read the current policies", () -> jdbi.withHandle(h ->
        h.createQuery("SELECT " + COLUMNS + LIVE + " WHERE p.tenant_id = :tenant ORDER BY p.policy_id")
            .bind("tenant", tenantId)
            .map(JdbcPolicyStore::map)
            .list()));
  }

  @Override
  public long revision(String tenantId) {
    return Sql.call("read the policy revision", () -> jdbi.withHandle(h ->
        h.createQuery("SELECT policies FROM policy_revisions WHERE tenant_id = :tenant")
            .bind("tenant", tenantId)
            .mapTo(Long.class)
            .findOne()
            .orElse(0L)));
  }

  @Override
  public Map<String, Long> revisions() {
    return Sql.call("read the policy revisions", () -> jdbi.withHandle(h -> {
      Map<String, Long> revisions = new LinkedHashMap<>();
      h.createQuery("SELECT tenant_id, policies FROM policy_revisions WHERE policies > 0 ORDER BY tenant_id")
          .map((rs, ctx) -> Map.entry(rs.getString("tenant_id"), rs.getLong("policies")))
          .forEach(e -> revisions.put(e.getKey(), e.getValue()));
      return revisions;
    }));
  }

  private static void required(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
  }

  private static PolicyVersion map(ResultSet rs, StatementContext ctx) throws SQLException {
    String format = rs.getString("source_format");
    return new PolicyVersion(
        rs.getString("tenant_id"),
        rs.getString("policy_id"),
        rs.getInt("version"),
        rs.getString("document"),
        rs.getString("source"),
        format == null ? null : PolicyVersion.Format.fromWire(format)
            .orElseThrow(() -> new IllegalStateException("stored policy has an unknown format")),
        rs.getString("digest"),
        PolicyChange.fromWire(rs.getString("change"))
            .orElseThrow(() -> new IllegalStateException("stored policy has an unknown change")),
        Rows.intOrNull(rs, "rolled_back_from"),
        rs.getString("actor"),
        rs.getString("comment"),
        Times.read(rs, "created_at"));
  }

  private record Head(int latest, Integer live) {}
}

package dev.aegis.store;

import dev.aegis.core.audit.AuditChain;
import dev.aegis.core.audit.AuditEntry;
import dev.aegis.core.audit.AuditHead;
import dev.aegis.core.audit.AuditLog;
import dev.aegis.core.audit.AuditQuery;
import dev.aegis.core.audit.AuditRecord;
import dev.aegis.core.page.Page;
import dev.aegis.core.page.PageRequest;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * The audit log: entries are only ever inserted. An append locks the tenant's head row, seals the entry after the
 * head, inserts it and moves the head, all in one transaction (the caller's, when there is one).
 */
final class JdbcAuditLog implements AuditLog {
  private static final String COLUMNS = "tenant_id, sequence, id, at, actor, action, object_type, object_id,"
      + " before_json, after_json, request_id, decision_id, prev_hash, hash";

  private final Jdbi jdbi;
  private final Dialect dialect;

  JdbcAuditLog(Jdbi jdbi, Dialect dialect) {
    this.jdbi = jdbi;
    this.dialect = dialect;
  }

  @Override
  public AuditEntry append(AuditRecord record, AuditChain chain) {
    return Sql.call("append to the audit log", () -> jdbi.inTransaction(h -> {
      AuditHead head = lockHead(h, record.tenantId());
      AuditEntry entry = chain.seal(record, head);
      h.createUpdate("INSERT INTO audit_entries (" + COLUMNS + ", format) VALUES (:tenant, :sequence, :id, :at,"
              + " :actor, :action, :type, :object, :before, :after, :request, :decision, :prev, :hash, :format)")
          .bind("tenant", entry.tenantId())
          .bind("sequence", entry.sequence())
          .bind("id", entry.id())
          .bind("at", Times.toMillis(entry.at()))
          .bind("actor", entry.actor())
          .bind("action", entry.action())
          .bind("type", entry.objectType())
          .bind("object", entry.objectId())
          .bind("before", entry.before())
          .bind("after", entry.after())
          .bind("request", entry.requestId())
          .bind("decision", entry.decisionId())
          .bind("prev", entry.previousHash())
          .bind("hash", entry.hash())
          .bind("format", AuditEntry.FORMAT)
          .execute();
      AuditHead next = chain.headOf(entry);
      h.createUpdate("UPDATE audit_heads SET sequence = :sequence, hash = :hash, mac = :mac WHERE tenant_id = :tenant")
          .bind("sequence", next.sequence())
          .bind("hash", next.hash())
          .bind("mac", next.mac())
          .bind("tenant", next.tenantId())
          .execute();
      return entry;
    }));
  }

  /**
   * The tenant's head, read after taking its lock (creating the row first); null before the first entry. SQLite
   * transactions here are BEGIN IMMEDIATE, so the write lock is already held; PostgreSQL locks the row, and a
   * waiting transaction reads the row afresh once it has the lock.
   */
  private AuditHead lockHead(Handle h, String tenantId) {
    h.createUpdate("INSERT INTO audit_heads (tenant_id, sequence, hash, mac) VALUES (:tenant, 0, :genesis, '')"
            + " ON CONFLICT (tenant_id) DO NOTHING")
        .bind("tenant", tenantId)
        .bind("genesis", AuditChain.GENESIS)
        .execute();
    AuditHead head = h.createQuery("SELECT tenant_id, sequence, hash, mac FROM audit_heads WHERE tenant_id = :tenant"
            + (dialect == Dialect.POSTGRESQL ? " FOR UPDATE" : ""))
        .bind("tenant", tenantId)
        .map((rs, ctx) -> new AuditHead(rs.getString("tenant_id"), rs.getLong("sequence"), rs.getString("hash"),
            rs.getString("mac")))
        .one();
    return head.sequence() == 0 ? null : head;
  }

  @Override
  public Page<AuditEntry> list(String tenantId, AuditQuery q, PageRequest page) {
    Long before = page.afterId() == null ? null : sequenceCursor(page.afterId());
    String prefix = q.actionPrefix();
    StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM audit_entries WHERE tenant_id = :tenant");
    if (q.actor() != null) {
      sql.append(" AND actor = :actor");
    }
    if (prefix != null) {
      // every action that starts with "policy.": from "policy." up to "policy/", the next string of that length
      sql.append(" AND action >= :prefix AND action < :prefixEnd");
    } else if (q.action() != null) {
      sql.append(" AND action = :action");
    }
    if (q.objectType() != null) {
      sql.append(" AND object_type = :type");
    }
    if (q.objectId() != null) {
      sql.append(" AND object_id = :object");
    }
    if (q.from() != null) {
      sql.append(" AND at >= :from");
    }
    if (q.to() != null) {
      sql.append(" AND at < :to");
    }
    if (before != null) {
      sql.append(" AND sequence < :before");
    }
    sql.append(" ORDER BY sequence DESC LIMIT :limit");
    return Sql.call("list audit entries", () -> jdbi.withHandle(h -> {
      Query query = h.createQuery(sql.toString())
          .bind("tenant", tenantId)
          .bind("limit", page.limit() + 1);
      bindIfSet(query, "actor", q.actor());
      if (prefix != null) {
        String stem = prefix.substring(0, prefix.length() - 1);
        query.bind("prefix", prefix).bind("prefixEnd", stem + (char) (prefix.charAt(prefix.length() - 1) + 1));
      } else {
        bindIfSet(query, "action", q.action());
      }
      bindIfSet(query, "type", q.objectType());
      bindIfSet(query, "object", q.objectId());
      bindIfSet(query, "from", Times.toMillis(q.from()));
      bindIfSet(query, "to", Times.toMillis(q.to()));
      bindIfSet(query, "before", before);
      List<AuditEntry> rows = query.map(JdbcAuditLog::map).list();
      return Page.fromOverfetch(rows, page.limit(), e -> Long.toString(e.sequence()));
    }));
  }

  private static void bindIfSet(Query query, String name, Object value) {
    if (value != null) {
      query.bind(name, value);
    }
  }

  private static long sequenceCursor(String afterId) {
    try {
      long sequence = Long.parseLong(afterId);
      if (sequence >= 1) {
        return sequence;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException("not an audit cursor: " + afterId);
  }

  @Override
  public List<AuditEntry> chain(String tenantId, long afterSequence, long upTo, int limit) {
    return Sql.call("read the audit chain", () -> jdbi.withHandle(h ->
        h.createQuery("SELECT " + COLUMNS + " FROM audit_entries WHERE tenant_id = :tenant"
                + " AND sequence > :after AND sequence <= :upTo ORDER BY sequence LIMIT :limit")
            .bind("tenant", tenantId)
            .bind("after", afterSequence)
            .bind("upTo", upTo)
            .bind("limit", limit)
            .map(JdbcAuditLog::map)
            .list()));
  }

  @Override
  public ChainEnd end(String tenantId) {
    // one statement, so that the head and the last entry are seen as of the same moment
    return Sql.call("read the audit head", () -> jdbi.withHandle(h ->
        h.createQuery("SELECT m.last, h.sequence, h.hash, h.mac FROM (SELECT COALESCE(MAX(sequence), 0) AS last"
                + " FROM audit_entries WHERE tenant_id = :tenant) m"
                + " LEFT JOIN audit_heads h ON h.tenant_id = :tenant")
            .bind("tenant", tenantId)
            .map((rs, ctx) -> {
              Long sequence = Rows.longOrNull(rs, "sequence");
              AuditHead head = sequence == null || sequence == 0 ? null
                  : new AuditHead(tenantId, sequence, rs.getString("hash"), rs.getString("mac"));
              return new ChainEnd(head, rs.getLong("last"));
            })
            .one()));
  }

  private static AuditEntry map(ResultSet rs, StatementContext ctx) throws SQLException {
    return new AuditEntry(
        rs.getString("tenant_id"),
        rs.getLong("sequence"),
        rs.getString("id"),
        Times.read(rs, "at"),
        rs.getString("actor"),
        rs.getString("action"),
        rs.getString("object_type"),
        rs.getString("object_id"),
        rs.getString("before_json"),
        rs.getString("after_json"),
        rs.getString("request_id"),
        rs.getString("decision_id"),
        rs.getString("prev_hash"),
        rs.getString("hash"));
  }
}

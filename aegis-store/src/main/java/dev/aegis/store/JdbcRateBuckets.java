package dev.aegis.store;

import dev.aegis.core.policy.rate.BucketTake;
import dev.aegis.core.policy.rate.RateBuckets;
import java.time.Instant;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;

/**
 * Rate buckets in one upsert per take: the refill is computed in SQL from the row as it stands, so two servers
 * taking at once queue on the row lock and neither can spend a token the other spent.
 */
final class JdbcRateBuckets implements RateBuckets {
  /** Room for floating-point error, far below a millisecond's refill at any sane rate. */
  private static final double EPSILON = 1e-9;

  private final Jdbi jdbi;
  private final Dialect dialect;
  private final String takeSql;

  JdbcRateBuckets(Jdbi jdbi, Dialect dialect) {
    this.jdbi = jdbi;
    this.dialect = dialect;
    String least = dialect == Dialect.POSTGRESQL ? "LEAST" : "MIN";
    String greatest = dialect == Dialect.POSTGRESQL ? "GREATEST" : "MAX";
    // SET expressions read the row as it was before this statement, so every one of them sees the same refill
    String refilled = least + "(:capacity, b.tokens + " + greatest + "(0, :now - b.updated_at) * :refill / 60000.0)";
    this.takeSql = "INSERT INTO rate_buckets AS b (tenant_id, agent_id, connector, tokens, updated_at, last_granted)"
        + " VALUES (:tenant, :agent, :connector, :capacity - 1, :now, TRUE)"
        + " ON CONFLICT (tenant_id, agent_id, connector) DO UPDATE SET"
        + " tokens = CASE WHEN " + refilled + " >= 1 THEN " + refilled + " - 1 ELSE " + refilled + " END,"
        + " last_granted = (" + refilled + " >= 1),"
        + " updated_at = " + greatest + "(b.updated_at, :now)"
        + " RETURNING tokens, last_granted";
  }

  @Override
  public BucketTake take(String tenantId, String agentId, String connector, int capacity, int refillPerMinute,
      Instant now) {
    required(tenantId, "tenantId");
    required(agentId, "agentId");
    required(connector, "connector");
    if (capacity < 1 || refillPerMinute < 1) {
      throw new IllegalArgumentException("capacity and refillPerMinute must be at least 1, were " + capacity
          + " and " + refillPerMinute);
    }
    if (now == null) {
      throw new IllegalArgumentException("a take needs its time");
    }
    HandleCallback<BucketTake, RuntimeException> take = h -> take(h, tenantId, agentId, connector, capacity,
        refillPerMinute, now.toEpochMilli());
    // One statement is atomic on PostgreSQL. SQLite runs it in a BEGIN IMMEDIATE transaction, which holds the write
    // lock from the start: a plain statement would read first and could fail to upgrade its lock under contention.
    return Sql.call("take from a rate bucket", () -> dialect == Dialect.POSTGRESQL
        ? jdbi.withHandle(take) : jdbi.inTransaction(take));
  }

  private BucketTake take(Handle h, String tenantId, String agentId, String connector, int capacity, int refill,
      long nowMillis) {
    return h.createQuery(takeSql)
        .bind("tenant", tenantId)
        .bind("agent", agentId)
        .bind("connector", connector)
        .bind("capacity", capacity)
        .bind("refill", refill)
        .bind("now", nowMillis)
        .map((rs, ctx) -> result(rs.getDouble("tokens"), rs.getBoolean("last_granted"), refill))
        .one();
  }

  private static BucketTake result(double tokens, boolean granted, int refillPerMinute) {
    long whole = (long) Math.floor(Math.max(0, tokens) + EPSILON);
    if (granted) {
      return new BucketTake(true, whole, 0);
    }
    double millisToOne = (1 - tokens) * 60_000.0 / refillPerMinute;
    return new BucketTake(false, whole, Math.max(1, (long) Math.ceil(millisToOne - EPSILON)));
  }

  @Override
  public int forgetIdleSince(Instant cutoff) {
    return Sql.call("forget idle rate buckets", () -> jdbi.withHandle(h ->
        h.createUpdate("DELETE FROM rate_buckets WHERE updated_at < :cutoff")
            .bind("cutoff", cutoff.toEpochMilli())
            .execute()));
  }

  private static void required(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
  }
}

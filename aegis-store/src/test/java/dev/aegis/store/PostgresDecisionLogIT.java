package dev.aegis.store;

import java.util.List;
import org.jdbi.v3.core.Jdbi;

class PostgresDecisionLogIT extends DecisionLogContract {
  private StoreConfig config;

  @Override
  protected StoreConfig config() {
    config = TestPostgres.freshConfig(dataDir);
    return config;
  }

  @Override
  protected StoreConfig reopenConfig() {
    return config;
  }

  @Override
  protected String explain(Jdbi raw, String sql) {
    // an empty table is cheapest to scan whole; forbid that to see which index the query would use at scale
    List<String> plan = raw.withHandle(h -> {
      h.execute("SET enable_seqscan = off");
      return withSampleValues(h.createQuery("EXPLAIN " + sql)).mapTo(String.class).list();
    });
    return String.join("\n", plan);
  }
}

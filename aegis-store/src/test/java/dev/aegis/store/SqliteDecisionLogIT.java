package dev.aegis.store;

import java.util.List;
import org.jdbi.v3.core.Jdbi;

class SqliteDecisionLogIT extends DecisionLogContract {
  @Override
  protected StoreConfig config() {
    return StoreConfig.sqlite(dataDir);
  }

  @Override
  protected StoreConfig reopenConfig() {
    return StoreConfig.sqlite(dataDir);
  }

  @Override
  protected String explain(Jdbi raw, String sql) {
    List<String> plan = raw.withHandle(h -> withSampleValues(h.createQuery("EXPLAIN QUERY PLAN " + sql))
        .map((rs, ctx) -> rs.getString("detail"))
        .list());
    return String.join("\n", plan);
  }
}

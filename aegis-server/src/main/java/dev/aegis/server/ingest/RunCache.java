package dev.aegis.server.ingest;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.aegis.core.telemetry.SpanKey;
import dev.aegis.core.telemetry.SpanMapper;
import dev.aegis.core.telemetry.SpanRecord;
import dev.aegis.core.telemetry.TelemetryStore;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The runs of recently seen spans, so that a child sent in a later request than its parent joins the parent's run
 * without a query. Filled when a batch is queued (before it commits: a parent queued a moment ago counts); a
 * miss asks the store, once per request.
 */
final class RunCache {
  private final Cache<Key, String> runs;
  private final TelemetryStore store;

  RunCache(TelemetryStore store, int maxSpans) {
    this.store = store;
    this.runs = Caffeine.newBuilder().maximumSize(maxSpans).build();
  }

  SpanMapper.RunLookup lookupFor(String tenantId) {
    return keys -> lookup(tenantId, keys);
  }

  private Map<SpanKey, String> lookup(String tenantId, Collection<SpanKey> keys) {
    Map<SpanKey, String> found = new HashMap<>();
    List<SpanKey> missing = new ArrayList<>();
    for (SpanKey key : keys) {
      String run = runs.getIfPresent(new Key(tenantId, key));
      if (run != null) {
        found.put(key, run);
      } else {
        missing.add(key);
      }
    }
    if (!missing.isEmpty()) {
      store.runIdsOf(tenantId, missing).forEach((key, run) -> {
        found.put(key, run);
        runs.put(new Key(tenantId, key), run);
      });
    }
    return found;
  }

  void remember(String tenantId, List<SpanRecord> records) {
    for (SpanRecord record : records) {
      runs.put(new Key(tenantId, record.span().key()), record.span().runId());
    }
  }

  private record Key(String tenantId, SpanKey span) {}
}

package dev.aegis.server.ingest;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.aegis.core.telemetry.Span;
import dev.aegis.core.telemetry.SpanKey;
import dev.aegis.core.telemetry.SpanMapper;
import dev.aegis.core.telemetry.SpanRecord;
import dev.aegis.core.telemetry.TelemetryStore;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The runs of recently seen spans, so that a child sent in a later request than its parent joins the parent's run
 * without a query. Filled when a batch is queued (before it commits: a parent queued a moment ago counts); a
 * miss asks the store, once per request.
 *
 * <p>A span in its trace's run (no run of its own, parent unknown) may move to its parent's run when the parent is
 * written (the store's re-homing), so that answer is provisional: it is kept only for spans seen here, and forgotten
 * for the whole trace as soon as a span of that trace with a run of its own is queued; the next lookup asks the
 * store, which by then has moved what it moves. The store's answer that a span is in its trace's run is not kept at
 * all: it could change at any commit.
 */
final class RunCache {
  private final Cache<Key, String> runs;
  /** Per trace, the spans cached here as in its trace's run. */
  private final Cache<Trace, Set<String>> inTraceRun;
  private final TelemetryStore store;

  RunCache(TelemetryStore store, int maxSpans) {
    this.store = store;
    this.runs = Caffeine.newBuilder().maximumSize(maxSpans).build();
    this.inTraceRun = Caffeine.newBuilder().maximumSize(Math.max(1, maxSpans / 4)).build();
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
        if (!run.equals(key.traceId())) {
          runs.put(new Key(tenantId, key), run);
        }
      });
    }
    return found;
  }

  void remember(String tenantId, List<SpanRecord> records) {
    Set<String> anchored = null;
    for (SpanRecord record : records) {
      Span span = record.span();
      if (!inTraceRun(span)) {
        runs.put(new Key(tenantId, span.key()), span.runId());
        if (anchored == null) {
          anchored = new java.util.HashSet<>();
        }
        anchored.add(span.traceId());
        continue;
      }
      // a parent with a run of its own, seen here: the store moves the span to it as it writes it
      String parentRun = span.parentSpanId() == null ? null
          : runs.getIfPresent(new Key(tenantId, new SpanKey(span.traceId(), span.parentSpanId())));
      if (parentRun != null && !parentRun.equals(span.traceId())) {
        continue;
      }
      runs.put(new Key(tenantId, span.key()), span.runId());
      inTraceRun.get(new Trace(tenantId, span.traceId()), t -> ConcurrentHashMap.newKeySet()).add(span.spanId());
    }
    if (anchored != null) {
      for (String traceId : anchored) {
        forgetTraceRun(tenantId, traceId);
      }
    }
  }

  /** Forgets the spans cached as in the trace's run: a span of the trace with a run of its own may adopt them. */
  private void forgetTraceRun(String tenantId, String traceId) {
    Trace trace = new Trace(tenantId, traceId);
    Set<String> spans = inTraceRun.getIfPresent(trace);
    if (spans == null) {
      return;
    }
    inTraceRun.invalidate(trace);
    for (String spanId : spans) {
      runs.invalidate(new Key(tenantId, new SpanKey(traceId, spanId)));
    }
  }

  private static boolean inTraceRun(Span span) {
    return span.runId().equals(span.traceId());
  }

  private record Key(String tenantId, SpanKey span) {}

  private record Trace(String tenantId, String traceId) {}
}

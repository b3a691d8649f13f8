package dev.aegis.server.taskbudget;

import dev.aegis.core.taskbudget.RunSample;
import dev.aegis.core.taskbudget.RunTokens;
import dev.aegis.core.taskbudget.TaskBudgetEvaluator;
import dev.aegis.core.telemetry.AttributeNames;
import dev.aegis.core.telemetry.Attributes;
import dev.aegis.core.telemetry.Nanos;
import dev.aegis.core.telemetry.Run;
import dev.aegis.core.telemetry.Span;
import dev.aegis.core.telemetry.SpanBatch;
import dev.aegis.core.telemetry.SpanKey;
import dev.aegis.core.telemetry.SpanRecord;
import dev.aegis.core.telemetry.SpanStatus;
import dev.aegis.core.telemetry.TelemetryStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads committed spans for what task budgets need: runs that finished (their root span arrived) and runs whose
 * token total grew. A run's root is the span without a parent, or whose parent belongs to another run (a child
 * run started by another agent). When that parent has not arrived yet (children are exported before their parents,
 * which end later), the span waits, in bounded memory, until the parent shows up. Only spans that name their run
 * themselves can start one; the others inherit their parent's run. Only tenants and task types with a budget are
 * looked at, so the store is read only for them. Used by one thread.
 */
final class RunFinishes {
  /** How many spans may wait for their parent at once; the oldest are forgotten first. */
  static final int MAX_WAITING = 50_000;

  private final TelemetryStore telemetry;
  private final TaskBudgetEvaluator evaluator;
  private final Map<PendingKey, List<Span>> waitingForParent;

  /** What a committed write means for task budgets. */
  record Found(List<RunSample> finished, List<RunTokens> tokenTotals) {
    boolean isEmpty() {
      return finished.isEmpty() && tokenTotals.isEmpty();
    }
  }

  RunFinishes(TelemetryStore telemetry, TaskBudgetEvaluator evaluator, int maxWaiting) {
    this.telemetry = telemetry;
    this.evaluator = evaluator;
    this.waitingForParent = new LinkedHashMap<>(16, 0.75f, false) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<PendingKey, List<Span>> eldest) {
        return size() > maxWaiting;
      }
    };
  }

  Found read(List<SpanBatch> batches) {
    List<RunSample> finished = new ArrayList<>();
    List<RunTokens> tokens = new ArrayList<>();
    for (SpanBatch batch : batches) {
      if (evaluator.hasBudgets(batch.tenantId())) {
        read(batch, finished, tokens);
      }
    }
    return new Found(finished, tokens);
  }

  int waiting() {
    return waitingForParent.size();
  }

  private void read(SpanBatch batch, List<RunSample> finished, List<RunTokens> tokens) {
    String tenantId = batch.tenantId();
    Map<SpanKey, Span> inBatch = new HashMap<>();
    Set<String> tokenRuns = new LinkedHashSet<>();
    for (SpanRecord record : batch.records()) {
      inBatch.put(record.span().key(), record.span());
      if (record.run().inputTokens() + record.run().outputTokens() > 0) {
        tokenRuns.add(record.span().runId());
      }
    }
    List<Span> roots = new ArrayList<>();
    List<Span> parentUnknown = new ArrayList<>();
    for (SpanRecord record : batch.records()) {
      Span span = record.span();
      List<Span> children = waitingForParent.remove(new PendingKey(tenantId, span.key()));
      if (children != null) {
        children.stream().filter(child -> !child.runId().equals(span.runId())).forEach(roots::add);
      }
      if (span.parentSpanId() == null) {
        roots.add(span);
      } else if (namesItsRun(span)) {
        Span parent = inBatch.get(new SpanKey(span.traceId(), span.parentSpanId()));
        if (parent == null) {
          parentUnknown.add(span);
        } else if (!parent.runId().equals(span.runId())) {
          roots.add(span);
        }
      }
    }
    if (!parentUnknown.isEmpty()) {
      Map<SpanKey, String> stored = telemetry.runIdsOf(tenantId,
          parentUnknown.stream().map(s -> new SpanKey(s.traceId(), s.parentSpanId())).toList());
      for (Span span : parentUnknown) {
        SpanKey parent = new SpanKey(span.traceId(), span.parentSpanId());
        String parentRun = stored.get(parent);
        if (parentRun == null) {
          waitingForParent.computeIfAbsent(new PendingKey(tenantId, parent), k -> new ArrayList<>()).add(span);
        } else if (!parentRun.equals(span.runId())) {
          roots.add(span);
        }
      }
    }

    Map<String, List<Span>> rootsByRun = new LinkedHashMap<>();
    roots.forEach(root -> rootsByRun.computeIfAbsent(root.runId(), r -> new ArrayList<>()).add(root));
    Set<String> runIds = new LinkedHashSet<>(rootsByRun.keySet());
    runIds.addAll(tokenRuns);
    for (String runId : runIds) {
      Optional<Run> stored = telemetry.run(tenantId, runId);
      if (stored.isEmpty() || stored.get().taskType() == null
          || !evaluator.hasBudget(tenantId, stored.get().taskType())) {
        continue;
      }
      Run run = stored.get();
      if (tokenRuns.contains(runId)) {
        tokens.add(new RunTokens(tenantId, run.taskType(), runId, run.totalTokens(), run.endedAt()));
      }
      for (Span root : rootsByRun.getOrDefault(runId, List.of())) {
        finished.add(new RunSample(tenantId, run.taskType(), runId, root.durationNanos() / 1_000_000,
            failed(root), run.totalTokens(), Nanos.toInstant(root.endUnixNanos())));
      }
    }
  }

  /** Whether the span (or its resource) names its run, rather than inheriting its parent's. */
  private static boolean namesItsRun(Span span) {
    String[] keys = AttributeNames.RUN_ID.toArray(String[]::new);
    return Attributes.firstString(span.attributes(), keys) != null
        || Attributes.firstString(span.resourceAttributes(), keys) != null;
  }

  /** A run failed when its root span says so: status error, or an {@code error.type}. */
  private static boolean failed(Span root) {
    return root.status() == SpanStatus.ERROR || root.attributes().get(AttributeNames.ERROR_TYPE) != null;
  }

  private record PendingKey(String tenantId, SpanKey span) {}
}

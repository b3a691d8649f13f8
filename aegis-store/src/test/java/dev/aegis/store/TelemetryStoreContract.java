package dev.aegis.store;

import static dev.aegis.store.TelemetryFixtures.T0;
import static dev.aegis.store.TelemetryFixtures.span;
import static dev.aegis.store.TelemetryFixtures.traceId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aegis.core.page.Page;
import dev.aegis.core.page.PageRequest;
import dev.aegis.core.store.Store;
import dev.aegis.core.store.StoreException;
import dev.aegis.core.telemetry.Nanos;
import dev.aegis.core.telemetry.PromptSnapshot;
import dev.aegis.core.telemetry.Run;
import dev.aegis.core.telemetry.RunEvent;
import dev.aegis.core.telemetry.RunFilter;
import dev.aegis.core.telemetry.RunStatus;
import dev.aegis.core.telemetry.Span;
import dev.aegis.core.telemetry.SpanBatch;
import dev.aegis.core.telemetry.SpanKey;
import dev.aegis.core.telemetry.SpanRecord;
import dev.aegis.core.telemetry.TelemetrySettings;
import dev.aegis.core.telemetry.TelemetryStore;
import dev.aegis.core.redact.CaptureLevel;
import dev.aegis.core.tenant.Tenant;
import dev.aegis.core.telemetry.ToolCall;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What every {@link TelemetryStore} must do, run against each database we support. */
public abstract class TelemetryStoreContract {
  private static final String ACME = "ten_acme";
  private static final String OTHER = "ten_other";
  private static final long MS = 1_000_000L;

  @TempDir protected Path dataDir;
  protected Store store;
  protected TelemetryStore telemetry;

  protected abstract StoreConfig config();

  @BeforeEach
  void open() {
    store = JdbcStores.open(config());
    telemetry = store.telemetry();
  }

  @AfterEach
  void close() {
    store.close();
  }

  private int write(SpanRecord... records) {
    return telemetry.write(List.of(new SpanBatch(records[0].span().tenantId(), List.of(records))));
  }

  @Test
  void storesASpanAndReadsItBackExactly() {
    String trace = traceId();
    SpanRecord record = span(ACME, "run-1", trace)
        .attribute("count", 42L)
        .attribute("ratio", 0.25)
        .attribute("flag", true)
        .attribute("tags", List.of("a", "b"))
        .attribute("big", Long.MAX_VALUE)
        .attribute("nested", Map.of("k", "v"))
        .event(T0 + 5, "exception", Map.of("exception.type", "IOException", "attempt", 2L))
        .build();

    assertThat(write(record)).isEqualTo(1);

    Span stored = telemetry.span(ACME, trace, record.span().spanId()).orElseThrow();
    assertThat(stored).isEqualTo(record.span());
    assertThat(stored.attributes().get("count")).isInstanceOf(Long.class);
    assertThat(telemetry.spansOfTrace(ACME, trace, 10)).containsExactly(record.span());
    assertThat(telemetry.spansOfRun(ACME, "run-1", 10)).containsExactly(record.span());
  }

  @Test
  void sumsTheSpansOfARunIntoIt() {
    String trace = traceId();
    SpanRecord root = span(ACME, "run-1", trace).at(T0, T0 + 900 * MS).parentRun("run-0").build();
    SpanRecord llm = span(ACME, "run-1", trace).parent(root.span().spanId()).at(T0 + 10 * MS, T0 + 300 * MS)
        .agent("someone-else").tokens(100, 20, 5).model("gpt-4o").build();
    SpanRecord tool = span(ACME, "run-1", trace).parent(root.span().spanId()).at(T0 - 5 * MS, T0 + 950 * MS)
        .toolCall("search", 500).error().model("gpt-4o-mini").build();

    assertThat(write(root, llm, tool)).isEqualTo(3);

    Run run = telemetry.run(ACME, "run-1").orElseThrow();
    assertThat(run.traceId()).isEqualTo(trace);
    assertThat(run.parentRunId()).isEqualTo("run-0");
    assertThat(run.agentId()).isEqualTo("summarizer-12");
    assertThat(run.taskType()).isEqualTo("document-summarize");
    assertThat(run.serviceName()).isEqualTo("agent-runner");
    assertThat(run.environment()).isEqualTo("production");
    assertThat(run.region()).isEqualTo("us-east-1");
    assertThat(run.startedAt()).isEqualTo(Nanos.toInstant(T0 - 5 * MS));
    assertThat(run.endedAt()).isEqualTo(Nanos.toInstant(T0 + 950 * MS));
    assertThat(run.inputTokens()).isEqualTo(100);
    assertThat(run.outputTokens()).isEqualTo(20);
    assertThat(run.cachedInputTokens()).isEqualTo(5);
    assertThat(run.spanCount()).isEqualTo(3);
    assertThat(run.errorCount()).isEqualTo(1);
    assertThat(run.toolCallCount()).isEqualTo(1);
    assertThat(run.status()).isEqualTo(RunStatus.ERROR);
    assertThat(run.models()).containsExactly("gpt-4o", "gpt-4o-mini");

    SpanRecord later = span(ACME, "run-1", trace).at(T0 + 2_000 * MS, T0 + 3_000 * MS).tokens(1, 1, 0).build();
    write(later);
    Run updated = telemetry.run(ACME, "run-1").orElseThrow();
    assertThat(updated.endedAt()).isEqualTo(Nanos.toInstant(T0 + 3_000 * MS));
    assertThat(updated.spanCount()).isEqualTo(4);
    assertThat(updated.inputTokens()).isEqualTo(101);
    assertThat(updated.status()).isEqualTo(RunStatus.ERROR);
    assertThat(telemetry.run(ACME, "run-missing")).isEmpty();
  }

  @Test
  void aSpanDeliveredTwiceIsStoredOnceAndCountedOnce() {
    String trace = traceId();
    SpanRecord tool = span(ACME, "run-1", trace).toolCall("search", 200).tokens(10, 5, 0)
        .runEvent(RunEvent.STATE_TRANSITION, Map.of("from", "plan", "to", "act")).build();
    SpanRecord llm = span(ACME, "run-1", trace).prompt("sha256:abc", null).tokens(7, 3, 0).build();

    assertThat(write(tool, llm)).isEqualTo(2);
    assertThat(write(tool, llm)).isZero();
    // the same span twice in one transaction, from two requests
    SpanRecord third = span(ACME, "run-1", trace).tokens(1, 0, 0).build();
    assertThat(telemetry.write(List.of(new SpanBatch(ACME, List.of(third, tool)), new SpanBatch(ACME,
        List.of(third))))).isEqualTo(1);

    Run run = telemetry.run(ACME, "run-1").orElseThrow();
    assertThat(run.spanCount()).isEqualTo(3);
    assertThat(run.inputTokens()).isEqualTo(18);
    assertThat(run.toolCallCount()).isEqualTo(1);
    assertThat(telemetry.spansOfRun(ACME, "run-1", 100)).hasSize(3);
    assertThat(telemetry.toolCallsOfRun(ACME, "run-1", 100)).hasSize(1);
    assertThat(telemetry.promptSnapshotsOfRun(ACME, "run-1", 100)).hasSize(1);
    assertThat(telemetry.runEventsOfRun(ACME, "run-1", 100)).hasSize(1);
  }

  @Test
  void aWriteLargerThanOneStatementIsStoredWholeAndCountedOnce() {
    String trace = traceId();
    List<SpanRecord> records = new ArrayList<>();
    for (int i = 0; i < 2_600; i++) {
      records.add(span(ACME, i % 2 == 0 ? "big-a" : "big-b", trace).at(T0 + i, T0 + i + 1)
          .toolCall("search", 200).runEvent(RunEvent.POLICY_DECISION, Map.of("decision", "allow")).build());
    }
    List<SpanRecord> earlier = records.subList(0, 10);
    assertThat(telemetry.write(List.of(new SpanBatch(ACME, earlier)))).isEqualTo(10);
    // the ten already stored, and one span twice: once in the first statement's rows, once in the second's
    List<SpanRecord> again = new ArrayList<>(records);
    again.add(records.get(100));

    assertThat(telemetry.write(List.of(new SpanBatch(ACME, again)))).isEqualTo(2_590);

    Run a = telemetry.run(ACME, "big-a").orElseThrow();
    Run b = telemetry.run(ACME, "big-b").orElseThrow();
    assertThat(a.spanCount() + b.spanCount()).isEqualTo(2_600);
    assertThat(a.toolCallCount()).isEqualTo(1_300);
    assertThat(telemetry.spanCountOfTrace(ACME, trace)).isEqualTo(2_600);
    assertThat(telemetry.toolCallsOfRun(ACME, "big-b", 5_000)).hasSize(1_300);
    assertThat(telemetry.runEventsOfRun(ACME, "big-a", 5_000)).hasSize(1_300);
  }

  @Test
  void storesToolCallsPromptSnapshotsAndRunEvents() {
    String trace = traceId();
    SpanRecord tool = span(ACME, "run-1", trace).at(T0, T0 + 250 * MS).toolCall("crm.update", 503).build();
    SpanRecord llm = span(ACME, "run-1", trace).at(T0 + MS, T0 + 2 * MS).model("gpt-4o")
        .prompt("sha256:feed", "Summarize <EMAIL:cb89d926>'s ticket")
        .runEvent(RunEvent.POLICY_DECISION, Map.of("decision_id", "dec_1", "outcome", "deny", "policy", "p1"))
        .runEvent(RunEvent.FALLBACK, Map.of("from_model", "gpt-4o", "to_model", "gpt-4o-mini"))
        .build();
    write(tool, llm);

    List<ToolCall> calls = telemetry.toolCallsOfRun(ACME, "run-1", 10);
    assertThat(calls).containsExactly(tool.toolCall());
    assertThat(calls.get(0).error()).isTrue();
    assertThat(calls.get(0).statusCode()).isEqualTo(503);
    List<PromptSnapshot> prompts = telemetry.promptSnapshotsOfRun(ACME, "run-1", 10);
    assertThat(prompts).containsExactly(llm.promptSnapshot());
    assertThat(telemetry.promptSnapshotsByHash(ACME, "sha256:feed", 10)).containsExactly(llm.promptSnapshot());
    assertThat(telemetry.promptSnapshotsByHash(ACME, "sha256:other", 10)).isEmpty();
    assertThat(telemetry.runEventsOfRun(ACME, "run-1", 10)).containsExactlyElementsOf(llm.runEvents());
    assertThat(telemetry.runEventsOfRun(ACME, "run-1", 1)).hasSize(1);
  }

  @Test
  void promptSnapshotsByHashAreNewestFirst() {
    SpanRecord older = span(ACME, "run-a", traceId()).at(T0, T0 + MS).prompt("sha256:same", null).build();
    SpanRecord newer = span(ACME, "run-b", traceId()).at(T0 + 10 * MS, T0 + 11 * MS).prompt("sha256:same", null)
        .build();
    write(older);
    write(newer);

    assertThat(telemetry.promptSnapshotsByHash(ACME, "sha256:same", 10))
        .containsExactly(newer.promptSnapshot(), older.promptSnapshot());
  }

  @Test
  void filtersRuns() {
    write(span(ACME, "r-a", traceId()).at(T0, T0 + MS).agent("a").taskType("summarize").model("gpt-4o").build());
    write(span(ACME, "r-b", traceId()).at(T0 + 10 * MS, T0 + 11 * MS).agent("b").taskType("classify").error()
        .build());
    write(span(ACME, "r-c", traceId()).at(T0 + 20 * MS, T0 + 21 * MS).agent("a").taskType("classify")
        .model("claude").build());

    assertThat(runIds(RunFilter.ALL)).containsExactly("r-c", "r-b", "r-a");
    assertThat(runIds(RunFilter.ALL.withAgent("a"))).containsExactly("r-c", "r-a");
    assertThat(runIds(RunFilter.ALL.withTaskType("classify"))).containsExactly("r-c", "r-b");
    assertThat(runIds(RunFilter.ALL.withStatus(RunStatus.ERROR))).containsExactly("r-b");
    assertThat(runIds(RunFilter.ALL.withStatus(RunStatus.OK))).containsExactly("r-c", "r-a");
    assertThat(runIds(RunFilter.ALL.withHasError(true))).containsExactly("r-b");
    assertThat(runIds(RunFilter.ALL.withHasError(false))).containsExactly("r-c", "r-a");
    assertThat(runIds(RunFilter.ALL.withModel("gpt-4o"))).containsExactly("r-a");
    assertThat(runIds(RunFilter.ALL.withStarted(Nanos.toInstant(T0 + 10 * MS), Nanos.toInstant(T0 + 20 * MS))))
        .containsExactly("r-b");
    assertThat(runIds(RunFilter.ALL.withAgent("a").withTaskType("classify").withModel("claude")))
        .containsExactly("r-c");
    assertThat(runIds(RunFilter.ALL.withAgent("nobody"))).isEmpty();
  }

  @Test
  void pagesThroughRunsNewestFirstWithoutGapsOrRepeatsEvenWhenStartsTie() {
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 23; i++) {
      long start = T0 + (i / 3) * MS; // three runs share each start time
      String runId = "run-" + (char) ('a' + i);
      write(span(ACME, runId, traceId()).at(start, start + MS).build());
    }
    for (int t = 7; t >= 0; t--) {
      for (int i = t * 3; i < Math.min(23, t * 3 + 3); i++) {
        expected.add("run-" + (char) ('a' + i));
      }
    }

    List<String> seen = new ArrayList<>();
    PageRequest request = PageRequest.first(4);
    while (true) {
      Page<Run> page = telemetry.runs(ACME, RunFilter.ALL, request);
      page.items().forEach(r -> seen.add(r.runId()));
      if (page.nextAfterId() == null) {
        break;
      }
      request = new PageRequest(page.nextAfterId(), 4);
    }

    assertThat(seen).containsExactlyElementsOf(expected);
    assertThatThrownBy(() -> telemetry.runs(ACME, RunFilter.ALL, new PageRequest("not-a-cursor", 4)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void followsLineageAndTraces() {
    String trace = traceId();
    SpanRecord parent = span(ACME, "parent", trace).at(T0, T0 + 10 * MS).build();
    SpanRecord childA = span(ACME, "child-a", trace).parent(parent.span().spanId()).parentRun("parent")
        .at(T0 + MS, T0 + 2 * MS).build();
    SpanRecord childB = span(ACME, "child-b", traceId()).parentRun("parent").at(T0 + 3 * MS, T0 + 4 * MS).build();
    write(parent, childA, childB);

    Page<Run> first = telemetry.childRuns(ACME, "parent", PageRequest.first(1));
    assertThat(first.items()).extracting(Run::runId).containsExactly("child-a");
    Page<Run> second = telemetry.childRuns(ACME, "parent", new PageRequest(first.nextAfterId(), 1));
    assertThat(second.items()).extracting(Run::runId).containsExactly("child-b");
    assertThat(second.nextAfterId()).isNull();
    assertThat(telemetry.runsOfTrace(ACME, trace)).extracting(Run::runId).containsExactly("parent", "child-a");
    assertThat(telemetry.spansOfTrace(ACME, trace, 10)).extracting(Span::spanId)
        .containsExactly(parent.span().spanId(), childA.span().spanId());
    assertThat(telemetry.spansOfTrace(ACME, trace, 1)).hasSize(1);

    SpanKey known = parent.span().key();
    SpanKey unknown = new SpanKey(trace, "00000000000000ff");
    assertThat(telemetry.runIdsOf(ACME, List.of(known, unknown, childA.span().key())))
        .containsOnly(Map.entry(known, "parent"), Map.entry(childA.span().key(), "child-a"));
    assertThat(telemetry.runIdsOf(OTHER, List.of(known))).isEmpty();
  }

  @Test
  void looksUpTheRunsOfManySpansAtOnce() {
    List<SpanRecord> records = new ArrayList<>();
    String trace = traceId();
    for (int i = 0; i < 250; i++) {
      records.add(span(ACME, "run-" + (i % 7), trace).build());
    }
    telemetry.write(List.of(new SpanBatch(ACME, records)));

    Map<SpanKey, String> runs = telemetry.runIdsOf(ACME, records.stream().map(r -> r.span().key()).toList());
    assertThat(runs).hasSize(250);
    records.forEach(r -> assertThat(runs.get(r.span().key())).isEqualTo(r.span().runId()));
  }

  @Test
  void tenantsNeverSeeEachOthersTelemetry() {
    String trace = traceId();
    SpanRecord ours = span(ACME, "run-1", trace).spanId("00000000000000aa").toolCall("t", 200)
        .prompt("sha256:x", null).runEvent(RunEvent.APPROVAL_REQUESTED, Map.of("action", "refund")).build();
    SpanRecord theirs = span(OTHER, "run-1", trace).spanId("00000000000000aa").tokens(5, 5, 0).build();

    assertThat(write(ours)).isEqualTo(1);
    assertThat(write(theirs)).isEqualTo(1);

    assertThat(telemetry.run(OTHER, "run-1").orElseThrow().inputTokens()).isEqualTo(5);
    assertThat(telemetry.run(ACME, "run-1").orElseThrow().inputTokens()).isZero();
    assertThat(telemetry.spansOfTrace(OTHER, trace, 10)).containsExactly(theirs.span());
    assertThat(telemetry.toolCallsOfRun(OTHER, "run-1", 10)).isEmpty();
    assertThat(telemetry.promptSnapshotsByHash(OTHER, "sha256:x", 10)).isEmpty();
    assertThat(telemetry.runEventsOfRun(OTHER, "run-1", 10)).isEmpty();
    assertThat(telemetry.runs(OTHER, RunFilter.ALL, PageRequest.first(10)).items()).hasSize(1);
    assertThat(telemetry.runs("ten_nobody", RunFilter.ALL, PageRequest.first(10)).items()).isEmpty();
  }

  @Test
  void aFailedWriteStoresNothingOfAnyBatch() {
    SpanRecord good = span(ACME, "run-1", traceId()).build();
    SpanRecord broken = span(ACME, "run-2", traceId()).name(null).build();

    assertThatThrownBy(() -> telemetry.write(List.of(new SpanBatch(ACME, List.of(good)),
        new SpanBatch(ACME, List.of(broken))))).isInstanceOf(StoreException.class);

    assertThat(telemetry.span(ACME, good.span().traceId(), good.span().spanId())).isEmpty();
    assertThat(telemetry.run(ACME, "run-1")).isEmpty();
    assertThat(write(good)).isEqualTo(1);
  }

  @Test
  void purgesRunsThatEndedBeforeTheCutoffInBoundedChunks() {
    Instant cutoff = Nanos.toInstant(T0 + 100 * MS);
    for (int i = 0; i < 5; i++) {
      String trace = traceId();
      write(span(ACME, "old-" + i, trace).at(T0 + i * MS, T0 + (i + 1) * MS).toolCall("t", 200)
          .prompt("sha256:old", null).runEvent(RunEvent.FALLBACK, Map.of()).model("m").build());
    }
    SpanRecord kept = span(ACME, "new", traceId()).at(T0 + 50 * MS, T0 + 200 * MS).prompt("sha256:new", null)
        .build();
    write(kept);
    SpanRecord otherTenant = span(OTHER, "old-0", traceId()).at(T0, T0 + MS).build();
    write(otherTenant);

    assertThat(telemetry.purgeRunsEndedBefore(ACME, cutoff, 2)).isEqualTo(2);
    assertThat(telemetry.purgeRunsEndedBefore(ACME, cutoff, 2)).isEqualTo(2);
    assertThat(telemetry.purgeRunsEndedBefore(ACME, cutoff, 2)).isEqualTo(1);
    assertThat(telemetry.purgeRunsEndedBefore(ACME, cutoff, 2)).isZero();

    assertThat(telemetry.runs(ACME, RunFilter.ALL, PageRequest.first(10)).items()).extracting(Run::runId)
        .containsExactly("new");
    assertThat(telemetry.spansOfRun(ACME, "old-0", 10)).isEmpty();
    assertThat(telemetry.toolCallsOfRun(ACME, "old-0", 10)).isEmpty();
    assertThat(telemetry.promptSnapshotsByHash(ACME, "sha256:old", 10)).isEmpty();
    assertThat(telemetry.runEventsOfRun(ACME, "old-0", 10)).isEmpty();
    assertThat(telemetry.runs(ACME, RunFilter.ALL.withModel("m"), PageRequest.first(10)).items()).isEmpty();
    assertThat(telemetry.spansOfRun(ACME, "new", 10)).containsExactly(kept.span());
    assertThat(telemetry.run(OTHER, "old-0")).isPresent();
  }

  @Test
  void storesEachTenantsSettingsAndReplacesThem() {
    store.tenants().create(new Tenant(ACME, "acme", Instant.EPOCH));
    store.tenants().create(new Tenant(OTHER, "other", Instant.EPOCH));
    assertThat(store.telemetrySettings().find(ACME)).isEmpty();

    Map<String, String> patterns = new java.util.LinkedHashMap<>();
    patterns.put("employee_id", "\\bE-\\d{6}\\b");
    patterns.put("ticket", "ticket=(?<value>[A-Z0-9]+)");
    TelemetrySettings first = new TelemetrySettings(ACME, CaptureLevel.REDACTED, 7, patterns, List.of("user.id"),
        List.of("user.*", "*password*"), Instant.parse("2026-11-24T12:00:00.123Z"));
    store.telemetrySettings().put(first);
    assertThat(store.telemetrySettings().find(ACME)).contains(first);
    assertThat(store.telemetrySettings().find(ACME).orElseThrow().patterns().keySet())
        .containsExactly("employee_id", "ticket");
    assertThat(store.telemetrySettings().find(OTHER)).isEmpty();

    TelemetrySettings second = new TelemetrySettings(ACME, CaptureLevel.NONE, null, Map.of(), List.of(), List.of(),
        Instant.parse("2026-11-24T13:00:00Z"));
    store.telemetrySettings().put(second);
    assertThat(store.telemetrySettings().find(ACME)).contains(second);
  }

  @Test
  void settingsForAMissingTenantAreRefused() {
    assertThatThrownBy(() -> store.telemetrySettings().put(TelemetrySettings.defaults("ten_missing")))
        .isInstanceOf(StoreException.class);
  }

  private List<String> runIds(RunFilter filter) {
    return telemetry.runs(ACME, filter, PageRequest.first(50)).items().stream().map(Run::runId).toList();
  }
}

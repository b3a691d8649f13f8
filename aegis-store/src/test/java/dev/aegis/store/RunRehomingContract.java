package dev.aegis.store;

import static dev.aegis.store.TelemetryFixtures.T0;
import static dev.aegis.store.TelemetryFixtures.spanId;
import static dev.aegis.store.TelemetryFixtures.traceId;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aegis.core.page.PageRequest;
import dev.aegis.core.redact.Redactor;
import dev.aegis.core.store.Store;
import dev.aegis.core.telemetry.DecodedSpan;
import dev.aegis.core.telemetry.Nanos;
import dev.aegis.core.telemetry.PromptSnapshot;
import dev.aegis.core.telemetry.Run;
import dev.aegis.core.telemetry.RunEvent;
import dev.aegis.core.telemetry.RunFilter;
import dev.aegis.core.telemetry.RunStatus;
import dev.aegis.core.telemetry.Span;
import dev.aegis.core.telemetry.SpanBatch;
import dev.aegis.core.telemetry.SpanEvent;
import dev.aegis.core.telemetry.SpanKind;
import dev.aegis.core.telemetry.SpanMapper;
import dev.aegis.core.telemetry.SpanRecord;
import dev.aegis.core.telemetry.SpanStatus;
import dev.aegis.core.telemetry.TelemetrySettings;
import dev.aegis.core.telemetry.TelemetryStore;
import dev.aegis.core.telemetry.ToolCall;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Spans written before their parent move to the parent's run when it is written (docs/telemetry.md, "Runs"). Spans
 * go through the real mapper, which puts a span without {@code run.id} whose parent it cannot find in its trace's
 * run; the store then does the rest. Run against each database we support.
 */
public abstract class RunRehomingContract {
  private static final String ACME = "ten_acme";
  private static final String OTHER = "ten_other";
  private static final long MS = 1_000_000L;
  private static final DecodedSpan.Resource RESOURCE = new DecodedSpan.Resource(
      Map.of("service.name", "agent-runner", "deployment_env", "production"));

  @TempDir protected Path dataDir;
  protected Store store;
  protected TelemetryStore telemetry;
  private final SpanMapper mapper = new SpanMapper(new Redactor(TelemetrySettings.defaults(ACME)
      .toPolicy(new byte[32])));

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

  /** One export request: mapped as ingest maps it, with the store's lookup for parents sent earlier. */
  private SpanBatch request(String tenantId, DecodedSpan... spans) {
    List<SpanRecord> records = mapper.map(tenantId, List.of(spans), keys -> telemetry.runIdsOf(tenantId, keys));
    return new SpanBatch(tenantId, records);
  }

  private void send(String tenantId, DecodedSpan... spans) {
    telemetry.write(List.of(request(tenantId, spans)));
  }

  private static DecodedSpan span(String trace, String id, String parent, String name, long startMs, long endMs,
      Map<String, Object> attributes, SpanStatus status, SpanEvent... events) {
    return new DecodedSpan(trace, id, parent, name, SpanKind.INTERNAL, T0 + startMs * MS, T0 + endMs * MS, status,
        status == SpanStatus.ERROR ? "it failed" : null, attributes, List.of(events), RESOURCE, null, null);
  }

  private static Map<String, Object> llm(String model, long input, long output) {
    Map<String, Object> a = new LinkedHashMap<>();
    a.put("gen_ai.operation.name", "chat");
    a.put("gen_ai.request.model", model);
    a.put("gen_ai.usage.input_tokens", input);
    a.put("gen_ai.usage.output_tokens", output);
    a.put("prompt.hash", "sha256:" + model);
    return a;
  }

  private static Map<String, Object> tool(String name, long status) {
    return Map.of("gen_ai.operation.name", "execute_tool", "gen_ai.tool.name", name, "http.request.method", "POST",
        "url.full", "https://api.example/" + name, "http.response.status_code", status);
  }

  private static Map<String, Object> agent(String runId, String agentId) {
    return Map.of("run.id", runId, "agent.id", agentId, "task.type", "refund");
  }

  private List<String> runIds() {
    return telemetry.runs(ACME, RunFilter.ALL, PageRequest.first(100)).items().stream().map(Run::runId).toList();
  }

  @Test
  void grandchildrenThenChildrenThenTheParentAllEndInTheParentsRun() {
    String trace = traceId();
    String parent = spanId();
    String child = spanId();
    String grandchild = spanId();
    send(ACME, span(trace, grandchild, child, "chat", 20, 30, llm("gpt-4o", 100, 20), SpanStatus.OK,
        new SpanEvent(T0 + 25 * MS, RunEvent.STATE_TRANSITION, Map.of("from", "plan", "to", "act"))));
    assertThat(telemetry.run(ACME, trace)).as("a span without a known run is in its trace's run").isPresent();
    send(ACME, span(trace, child, parent, "execute_tool refund", 10, 40, tool("refund", 503), SpanStatus.ERROR));
    assertThat(telemetry.run(ACME, trace).orElseThrow().spanCount()).isEqualTo(2);

    send(ACME, span(trace, parent, null, "invoke_agent", 0, 50, agent("run-p", "refunder-7"), SpanStatus.OK));

    Run run = telemetry.run(ACME, "run-p").orElseThrow();
    assertThat(run.spanCount()).isEqualTo(3);
    assertThat(run.agentId()).isEqualTo("refunder-7");
    assertThat(run.inputTokens()).isEqualTo(100);
    assertThat(run.outputTokens()).isEqualTo(20);
    assertThat(run.errorCount()).isEqualTo(1);
    assertThat(run.status()).isEqualTo(RunStatus.ERROR);
    assertThat(run.toolCallCount()).isEqualTo(1);
    assertThat(run.models()).containsExactly("gpt-4o");
    assertThat(run.startedAt()).isEqualTo(Nanos.toInstant(T0));
    assertThat(run.endedAt()).isEqualTo(Nanos.toInstant(T0 + 50 * MS));
    assertThat(telemetry.spansOfRun(ACME, "run-p", 10)).extracting(Span::spanId)
        .containsExactly(parent, child, grandchild);
    assertThat(telemetry.spansOfTrace(ACME, trace, 10)).extracting(Span::runId).containsOnly("run-p");
    assertThat(telemetry.toolCallsOfRun(ACME, "run-p", 10)).extracting(ToolCall::spanId).containsExactly(child);
    assertThat(telemetry.promptSnapshotsOfRun(ACME, "run-p", 10)).extracting(PromptSnapshot::spanId)
        .containsExactly(grandchild);
    assertThat(telemetry.runEventsOfRun(ACME, "run-p", 10)).extracting(RunEvent::runId).containsExactly("run-p");
    assertThat(telemetry.toolCallsOfTrace(ACME, trace, 10)).extracting(ToolCall::runId).containsExactly("run-p");
    assertThat(telemetry.run(ACME, trace)).as("the trace run, left empty, is gone").isEmpty();
    assertThat(runIds()).containsExactly("run-p");
    assertThat(telemetry.runs(ACME, RunFilter.ALL.withModel("gpt-4o"), PageRequest.first(10)).items())
        .extracting(Run::runId).containsExactly("run-p");
    assertThat(telemetry.runIdsOf(ACME, List.of(new dev.aegis.core.telemetry.SpanKey(trace, grandchild))))
        .containsValue("run-p");
  }

  @Test
  void aParentAndItsOrphansInOneTransactionFromTwoRequests() {
    String trace = traceId();
    String parent = spanId();
    String child = spanId();
    SpanBatch orphan = request(ACME, span(trace, child, parent, "chat", 5, 10, llm("m", 7, 3), SpanStatus.OK));
    SpanBatch parentRequest = request(ACME, span(trace, parent, null, "root", 0, 20, agent("run-p", "a"),
        SpanStatus.OK));

    telemetry.write(List.of(orphan, parentRequest));

    assertThat(telemetry.run(ACME, "run-p").orElseThrow().spanCount()).isEqualTo(2);
    assertThat(telemetry.run(ACME, "run-p").orElseThrow().inputTokens()).isEqualTo(7);
    assertThat(telemetry.run(ACME, trace)).isEmpty();
  }

  @Test
  void onlyWhatHangsBelowTheParentMovesAndTheTraceRunKeepsTheRest() {
    String trace = traceId();
    String parent = spanId();
    String lost = spanId();
    String mine = spanId();
    String stranger = spanId();
    send(ACME, span(trace, mine, parent, "chat mine", 10, 20, llm("gpt-4o", 10, 1), SpanStatus.OK),
        span(trace, stranger, lost, "chat stranger", 5, 60, llm("claude", 30, 3), SpanStatus.ERROR));
    Run before = telemetry.run(ACME, trace).orElseThrow();
    assertThat(before.models()).containsExactly("claude", "gpt-4o");

    send(ACME, span(trace, parent, null, "root", 0, 100, agent("run-p", "a"), SpanStatus.OK));

    Run rest = telemetry.run(ACME, trace).orElseThrow();
    assertThat(rest.spanCount()).isEqualTo(1);
    assertThat(rest.inputTokens()).isEqualTo(30);
    assertThat(rest.outputTokens()).isEqualTo(3);
    assertThat(rest.errorCount()).isEqualTo(1);
    assertThat(rest.status()).isEqualTo(RunStatus.ERROR);
    assertThat(rest.models()).containsExactly("claude");
    assertThat(rest.startedAt()).isEqualTo(Nanos.toInstant(T0 + 5 * MS));
    assertThat(rest.endedAt()).isEqualTo(Nanos.toInstant(T0 + 60 * MS));
    Run moved = telemetry.run(ACME, "run-p").orElseThrow();
    assertThat(moved.spanCount()).isEqualTo(2);
    assertThat(moved.inputTokens()).isEqualTo(10);
    assertThat(moved.errorCount()).isZero();
    assertThat(moved.status()).isEqualTo(RunStatus.OK);
    assertThat(moved.models()).containsExactly("gpt-4o");
    assertThat(telemetry.spansOfRun(ACME, trace, 10)).extracting(Span::spanId).containsExactly(stranger);
  }

  @Test
  void aSpanThatNamesTheTraceRunItselfStaysWithWhatHangsBelowIt() {
    String trace = traceId();
    String parent = spanId();
    String explicit = spanId();
    String below = spanId();
    send(ACME, span(trace, below, explicit, "below", 3, 4, Map.of(), SpanStatus.OK),
        span(trace, explicit, parent, "explicit", 2, 5, Map.of("run.id", trace), SpanStatus.OK));

    send(ACME, span(trace, parent, null, "root", 0, 10, agent("run-p", "a"), SpanStatus.OK));

    assertThat(telemetry.run(ACME, "run-p").orElseThrow().spanCount()).isEqualTo(1);
    assertThat(telemetry.spansOfRun(ACME, trace, 10)).extracting(Span::spanId).containsExactly(explicit, below);
  }

  @Test
  void childrenOfDifferentParentsGoToTheirOwnParentsRuns() {
    String trace = traceId();
    String planner = spanId();
    String worker = spanId();
    String planned = spanId();
    String worked = spanId();
    send(ACME, span(trace, planned, planner, "chat plan", 1, 2, llm("gpt-4o", 5, 1), SpanStatus.OK),
        span(trace, worked, worker, "chat work", 11, 12, llm("gpt-4o-mini", 6, 1), SpanStatus.OK));

    send(ACME, span(trace, worker, planner, "invoke_agent worker", 10, 20, agent("run-work", "w"), SpanStatus.OK),
        span(trace, planner, null, "invoke_agent planner", 0, 30, agent("run-plan", "p"), SpanStatus.OK));

    assertThat(telemetry.spansOfRun(ACME, "run-plan", 10)).extracting(Span::spanId).containsExactly(planner, planned);
    assertThat(telemetry.spansOfRun(ACME, "run-work", 10)).extracting(Span::spanId).containsExactly(worker, worked);
    assertThat(telemetry.run(ACME, "run-work").orElseThrow().models()).containsExactly("gpt-4o-mini");
    assertThat(telemetry.run(ACME, trace)).isEmpty();
  }

  @Test
  void aChildWrittenAfterItsParentButIntoTheTraceRunMovesAtOnce() {
    String trace = traceId();
    String parent = spanId();
    String child = spanId();
    send(ACME, span(trace, parent, null, "root", 0, 10, agent("run-p", "a"), SpanStatus.OK));
    // a request mapped before the parent was stored, as a concurrent request or another node may have
    List<SpanRecord> raced = mapper.map(ACME, List.of(span(trace, child, parent, "late", 1, 2, llm("m", 4, 4),
        SpanStatus.OK)), SpanMapper.RunLookup.NONE);
    assertThat(raced.get(0).span().runId()).isEqualTo(trace);

    telemetry.write(List.of(new SpanBatch(ACME, raced)));

    assertThat(telemetry.run(ACME, "run-p").orElseThrow().spanCount()).isEqualTo(2);
    assertThat(telemetry.run(ACME, "run-p").orElseThrow().inputTokens()).isEqualTo(4);
    assertThat(telemetry.run(ACME, trace)).isEmpty();
  }

  @Test
  void rehomingIsIdempotentAndARetriedExportChangesNothing() {
    String trace = traceId();
    String parent = spanId();
    String child = spanId();
    DecodedSpan orphan = span(trace, child, parent, "chat", 5, 10, llm("m", 7, 3), SpanStatus.OK);
    DecodedSpan root = span(trace, parent, null, "root", 0, 20, agent("run-p", "a"), SpanStatus.OK);
    send(ACME, orphan);
    send(ACME, root);
    Run once = telemetry.run(ACME, "run-p").orElseThrow();

    send(ACME, root);
    send(ACME, orphan);
    send(ACME, span(trace, spanId(), parent, "another", 21, 22, Map.of("run.id", "run-p"), SpanStatus.OK));

    Run after = telemetry.run(ACME, "run-p").orElseThrow();
    assertThat(after.spanCount()).isEqualTo(once.spanCount() + 1);
    assertThat(after.inputTokens()).isEqualTo(once.inputTokens());
    assertThat(telemetry.run(ACME, trace)).isEmpty();
  }

  @Test
  void anotherTenantsSpansNeverMove() {
    String trace = traceId();
    String parent = spanId();
    String child = spanId();
    send(OTHER, span(trace, child, parent, "theirs", 5, 10, Map.of(), SpanStatus.OK));
    send(ACME, span(trace, child, parent, "ours", 5, 10, Map.of(), SpanStatus.OK));

    send(ACME, span(trace, parent, null, "root", 0, 20, agent("run-p", "a"), SpanStatus.OK));

    assertThat(telemetry.run(ACME, "run-p").orElseThrow().spanCount()).isEqualTo(2);
    assertThat(telemetry.run(OTHER, trace).orElseThrow().spanCount()).isEqualTo(1);
    assertThat(telemetry.span(OTHER, trace, child).orElseThrow().runId()).isEqualTo(trace);
  }

  @Test
  void spansThatNeverHadAParentRunStayInTheirTraceRun() {
    String trace = traceId();
    String root = spanId();
    List<DecodedSpan> spans = new ArrayList<>();
    spans.add(span(trace, root, null, "GET /", 0, 10, Map.of(), SpanStatus.OK));
    for (int i = 0; i < 5; i++) {
      spans.add(span(trace, spanId(), root, "db " + i, i, i + 1, Map.of(), SpanStatus.OK));
    }
    for (DecodedSpan s : spans.reversed()) {
      send(ACME, s);
    }

    assertThat(telemetry.run(ACME, trace).orElseThrow().spanCount()).isEqualTo(6);
    assertThat(runIds()).containsExactly(trace);
  }
}

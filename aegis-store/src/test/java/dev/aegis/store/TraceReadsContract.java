package dev.aegis.store;

import static dev.aegis.store.TelemetryFixtures.T0;
import static dev.aegis.store.TelemetryFixtures.span;
import static dev.aegis.store.TelemetryFixtures.traceId;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aegis.core.store.Store;
import dev.aegis.core.telemetry.PromptSnapshot;
import dev.aegis.core.telemetry.Run;
import dev.aegis.core.telemetry.RunEvent;
import dev.aegis.core.telemetry.Span;
import dev.aegis.core.telemetry.SpanBatch;
import dev.aegis.core.telemetry.SpanEvent;
import dev.aegis.core.telemetry.SpanRecord;
import dev.aegis.core.telemetry.TelemetryStore;
import dev.aegis.core.telemetry.ToolCall;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reads the trace-first query adds to {@link TelemetryStore}: runs by id, ancestors, child counts and a whole
 * trace's envelopes and events. Run against each database we support.
 */
public abstract class TraceReadsContract {
  private static final String ACME = "ten_acme";
  private static final String OTHER = "ten_other";
  private static final long MS = 1_000_000L;

  @TempDir protected Path dataDir;
  protected Store store;
  protected TelemetryStore telemetry;

  protected abstract StoreConfig config();

  /** What {@link #config()} answered for this test: each call may make a new database. */
  private StoreConfig opened;

  @BeforeEach
  void open() {
    opened = config();
    store = JdbcStores.open(opened);
    telemetry = store.telemetry();
  }

  @AfterEach
  void close() {
    store.close();
  }

  private void write(SpanRecord... records) {
    telemetry.write(List.of(new SpanBatch(records[0].span().tenantId(), List.of(records))));
  }

  private void run(String tenant, String runId, String parentRunId, long start) {
    write(span(tenant, runId, traceId()).parentRun(parentRunId).at(start, start + MS).model("m-" + runId).build());
  }

  @Test
  void readsRunsByIdInStartOrderWithTheirModels() {
    run(ACME, "r-late", null, T0 + 10 * MS);
    run(ACME, "r-early", null, T0);
    run(ACME, "r-tie-b", null, T0 + 5 * MS);
    run(ACME, "r-tie-a", null, T0 + 5 * MS);
    run(OTHER, "r-theirs", null, T0);

    List<Run> runs = telemetry.runsByIds(ACME, List.of("r-late", "r-tie-b", "r-missing", "r-early", "r-tie-a",
        "r-late", "r-theirs"));

    assertThat(runs).extracting(Run::runId).containsExactly("r-early", "r-tie-a", "r-tie-b", "r-late");
    assertThat(runs.get(0).models()).containsExactly("m-r-early");
    assertThat(telemetry.runsByIds(ACME, List.of())).isEmpty();
    assertThat(telemetry.runsByIds(OTHER, List.of("r-late"))).isEmpty();
  }

  @Test
  void readsManyRunsByIdAcrossQueryChunks() {
    List<SpanRecord> records = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 1_203; i++) {
      String id = "run-%05d".formatted(i);
      ids.add(id);
      records.add(span(ACME, id, traceId()).at(T0 + i, T0 + i + 1).build());
    }
    telemetry.write(List.of(new SpanBatch(ACME, records)));

    assertThat(telemetry.runsByIds(ACME, ids)).extracting(Run::runId).containsExactlyElementsOf(ids);
  }

  @Test
  void followsAncestorsNearestFirstUpToTheRoot() {
    run(ACME, "root", null, T0);
    run(ACME, "mid", "root", T0 + MS);
    run(ACME, "leaf", "mid", T0 + 2 * MS);

    List<Run> chain = telemetry.ancestors(ACME, "leaf", 10);

    assertThat(chain).extracting(Run::runId).containsExactly("mid", "root");
    assertThat(chain.get(1).models()).containsExactly("m-root");
    assertThat(telemetry.ancestors(ACME, "root", 10)).isEmpty();
    assertThat(telemetry.ancestors(ACME, "unknown", 10)).isEmpty();
    assertThat(telemetry.ancestors(OTHER, "leaf", 10)).isEmpty();
  }

  @Test
  void ancestorsStopAtTheDepthBoundAndAtAParentThatIsNotStored() {
    run(ACME, "a0", "never-stored", T0);
    for (int i = 1; i < 8; i++) {
      run(ACME, "a" + i, "a" + (i - 1), T0 + i * MS);
    }

    assertThat(telemetry.ancestors(ACME, "a7", 3)).extracting(Run::runId).containsExactly("a6", "a5", "a4");
    assertThat(telemetry.ancestors(ACME, "a7", 100)).extracting(Run::runId)
        .containsExactly("a6", "a5", "a4", "a3", "a2", "a1", "a0");
    assertThat(telemetry.ancestors(ACME, "a7", 0)).isEmpty();
  }

  @Test
  void ancestorsOfACycleStopBeforeTheFirstRepeat() {
    run(ACME, "x", "z", T0);
    run(ACME, "y", "x", T0 + MS);
    run(ACME, "z", "y", T0 + 2 * MS);
    run(ACME, "self", "self", T0 + 3 * MS);

    assertThat(telemetry.ancestors(ACME, "z", 50)).extracting(Run::runId).containsExactly("y", "x");
    assertThat(telemetry.ancestors(ACME, "x", 50)).extracting(Run::runId).containsExactly("z", "y");
    assertThat(telemetry.ancestors(ACME, "self", 50)).isEmpty();
  }

  @Test
  void countsChildRunsPerTenant() {
    run(ACME, "parent", null, T0);
    run(ACME, "c1", "parent", T0 + MS);
    run(ACME, "c2", "parent", T0 + 2 * MS);
    run(ACME, "grandchild", "c1", T0 + 3 * MS);
    run(OTHER, "theirs", "parent", T0);

    assertThat(telemetry.childRunCount(ACME, "parent")).isEqualTo(2);
    assertThat(telemetry.childRunCount(ACME, "c1")).isEqualTo(1);
    assertThat(telemetry.childRunCount(ACME, "c2")).isZero();
    assertThat(telemetry.childRunCount(OTHER, "parent")).isEqualTo(1);
  }

  @Test
  void readsAWholeTracesSpansEnvelopesAndEventsAcrossItsRuns() {
    String trace = traceId();
    SpanRecord root = span(ACME, "planner", trace).at(T0, T0 + 100 * MS)
        .runEvent(RunEvent.STATE_TRANSITION, Map.of("from", "plan", "to", "act")).build();
    SpanRecord tool = span(ACME, "planner", trace).parent(root.span().spanId()).at(T0 + 5 * MS, T0 + 6 * MS)
        .toolCall("crm.lookup", 200).build();
    SpanRecord childLlm = span(ACME, "worker", trace).parent(root.span().spanId()).parentRun("planner")
        .at(T0 + 2 * MS, T0 + 3 * MS).prompt("sha256:p1", null)
        .runEvent(RunEvent.FALLBACK, Map.of("from_model", "a", "to_model", "b"))
        .runEvent(RunEvent.POLICY_DECISION, Map.of("outcome", "allow")).build();
    SpanRecord childTool = span(ACME, "worker", trace).parent(childLlm.span().spanId())
        .at(T0 + 7 * MS, T0 + 9 * MS).toolCall("billing.refund", 503).build();
    SpanRecord elsewhere = span(ACME, "worker", traceId()).toolCall("other", 200).prompt("sha256:p2", null)
        .runEvent(RunEvent.FALLBACK, Map.of()).build();
    write(root, tool, childLlm, childTool, elsewhere);
    write(span(OTHER, "planner", trace).toolCall("x", 200).build());

    assertThat(telemetry.spanCountOfTrace(ACME, trace)).isEqualTo(4);
    assertThat(telemetry.spanCountOfTrace(OTHER, trace)).isEqualTo(1);
    assertThat(telemetry.spanCountOfTrace(ACME, traceId())).isZero();

    assertThat(telemetry.toolCallsOfTrace(ACME, trace, 100)).extracting(ToolCall::toolName)
        .containsExactly("crm.lookup", "billing.refund");
    assertThat(telemetry.toolCallsOfTrace(ACME, trace, 100)).contains(childTool.toolCall());
    assertThat(telemetry.toolCallsOfTrace(ACME, trace, 1)).hasSize(1);
    assertThat(telemetry.promptSnapshotsOfTrace(ACME, trace, 100)).extracting(PromptSnapshot::promptHash)
        .containsExactly("sha256:p1");
    List<RunEvent> events = telemetry.runEventsOfTrace(ACME, trace, 100);
    assertThat(events).extracting(RunEvent::name)
        .containsExactly(RunEvent.STATE_TRANSITION, RunEvent.FALLBACK, RunEvent.POLICY_DECISION);
    assertThat(events).extracting(RunEvent::runId).containsExactly("planner", "worker", "worker");
    assertThat(telemetry.runEventsOfTrace(ACME, trace, 2)).hasSize(2);
    assertThat(telemetry.toolCallsOfTrace(OTHER, trace, 100)).extracting(ToolCall::toolName).containsExactly("x");
    assertThat(telemetry.promptSnapshotsOfTrace(OTHER, trace, 100)).isEmpty();
    assertThat(telemetry.runEventsOfTrace(OTHER, trace, 100)).isEmpty();
  }

  @Test
  void textThatNeedsEscapingOrIsNotAsciiReadsBackExactly() {
    String awkward = "tab\t nl\n quote\" backslash\\ ctl\u0001 slash/ é 你好 😀 \u2028";
    String trace = traceId();
    SpanRecord odd = span(ACME, "run-" + awkward, trace).name(awkward).error().attribute("k", awkward)
        .toolCall(awkward, 500).build();
    SpanRecord child = span(ACME, "run-" + awkward, trace).parent(odd.span().spanId()).build();
    write(odd, child);

    assertThat(telemetry.spansOfRun(ACME, "run-" + awkward, 10)).containsExactly(odd.span(), child.span());
    assertThat(telemetry.spansOfTrace(ACME, trace, 10)).containsExactly(odd.span(), child.span());
    assertThat(telemetry.toolCallsOfRun(ACME, "run-" + awkward, 10)).containsExactly(odd.toolCall());
    assertThat(telemetry.toolCallsOfTrace(ACME, trace, 10)).containsExactly(odd.toolCall());
  }

  @Test
  void spansOfOneStartAreInSpanIdOrderAndTheCapKeepsTheFirst() {
    String trace = traceId();
    List<SpanRecord> records = new ArrayList<>();
    for (String id : List.of("00000000000000c3", "00000000000000a1", "00000000000000b2", "00000000000000a0")) {
      records.add(span(ACME, "tied", trace).spanId(id).at(T0 + MS, T0 + 2 * MS).toolCall("t-" + id, 200).build());
    }
    records.add(span(ACME, "tied", trace).spanId("00000000000000ff").at(T0, T0 + 2 * MS).build());
    write(records.toArray(SpanRecord[]::new));

    assertThat(telemetry.spansOfRun(ACME, "tied", 10)).extracting(s -> s.spanId())
        .containsExactly("00000000000000ff", "00000000000000a0", "00000000000000a1", "00000000000000b2",
            "00000000000000c3");
    assertThat(telemetry.spansOfRun(ACME, "tied", 3)).extracting(s -> s.spanId())
        .containsExactly("00000000000000ff", "00000000000000a0", "00000000000000a1");
    assertThat(telemetry.spansOfTrace(ACME, trace, 2)).extracting(s -> s.spanId())
        .containsExactly("00000000000000ff", "00000000000000a0");
    assertThat(telemetry.toolCallsOfRun(ACME, "tied", 10)).extracting(ToolCall::spanId)
        .containsExactly("00000000000000a0", "00000000000000a1", "00000000000000b2", "00000000000000c3");
    assertThat(telemetry.toolCallsOfRun(ACME, "tied", 2)).extracting(ToolCall::spanId)
        .containsExactly("00000000000000a0", "00000000000000a1");
  }

  @Test
  void storedJsonTheWriterWouldNeverWriteStillReads() throws SQLException {
    String trace = traceId();
    SpanRecord tool = span(ACME, "odd", trace).at(T0, T0 + MS).toolCall("t", 200)
        .runEvent(RunEvent.FALLBACK, Map.of("from", "a")).build();
    List<SpanRecord> records = new ArrayList<>(List.of(tool));
    for (int i = 1; i < 8; i++) {
      records.add(span(ACME, "odd", trace).at(T0 + i * MS, T0 + i * MS + 1).build());
    }
    write(records.toArray(SpanRecord[]::new));
    List<String> odd = List.of("", "null", "[1,2]", "\"text\"", "not json", "  {\"a\": 1}  ", "{\"a\":");
    try (Connection c = RawJdbc.connect(opened); PreparedStatement ps = c.prepareStatement(
        "UPDATE spans SET attributes = ?, resource_attributes = ?, events = ? WHERE tenant_id = ? AND span_id = ?")) {
      for (int i = 0; i < odd.size(); i++) {
        ps.setString(1, odd.get(i));
        ps.setString(2, odd.get(i));
        ps.setString(3, i == 0 ? "[{\"name\": \"no time\", \"attributes\": 7}, 3]" : odd.get(i));
        ps.setString(4, ACME);
        ps.setString(5, records.get(i + 1).span().spanId());
        ps.executeUpdate();
      }
      try (PreparedStatement tools = c.prepareStatement("UPDATE tool_calls SET request = 'nope', response = ''"
          + " WHERE tenant_id = ?"); PreparedStatement events = c.prepareStatement(
          "UPDATE run_events SET attributes = '[]' WHERE tenant_id = ?")) {
        tools.setString(1, ACME);
        tools.executeUpdate();
        events.setString(1, ACME);
        events.executeUpdate();
      }
    }

    List<Span> spans = telemetry.spansOfRun(ACME, "odd", 10);
    assertThat(spans).hasSize(8);
    assertThat(spans.get(1).attributes()).isEmpty();
    assertThat(spans.get(1).resourceAttributes()).isEmpty();
    assertThat(spans.get(1).events()).containsExactly(new SpanEvent(0, "no time", Map.of()));
    for (int i = 2; i < 8; i++) {
      Span span = spans.get(i);
      Map<String, Object> expected = odd.get(i - 1).contains("\"a\": 1") ? Map.of("a", 1L) : Map.of();
      assertThat(span.attributes()).as(odd.get(i - 1)).isEqualTo(expected);
      assertThat(span.resourceAttributes()).as(odd.get(i - 1)).isEqualTo(expected);
      assertThat(span.events()).as(odd.get(i - 1)).isEmpty();
    }
    ToolCall call = telemetry.toolCallsOfRun(ACME, "odd", 10).get(0);
    assertThat(call.request()).isEmpty();
    assertThat(call.response()).isEmpty();
    assertThat(telemetry.runEventsOfTrace(ACME, trace, 10).get(0).attributes()).isEmpty();
  }
}

package dev.aegis.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aegis.core.redact.Redactor;
import dev.aegis.core.store.Store;
import dev.aegis.core.telemetry.DecodedSpan;
import dev.aegis.core.telemetry.SpanBatch;
import dev.aegis.core.telemetry.SpanKey;
import dev.aegis.core.telemetry.SpanKind;
import dev.aegis.core.telemetry.SpanMapper;
import dev.aegis.core.telemetry.SpanRecord;
import dev.aegis.core.telemetry.SpanStatus;
import dev.aegis.core.telemetry.TelemetrySettings;
import dev.aegis.store.JdbcStores;
import dev.aegis.store.StoreConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run cache in front of a real store (SQLite): what ingest does for each request, mapping through the cache and
 * remembering what it queued, with the store moving spans to their parent's run as the parent arrives.
 */
class RunCacheIT {
  private static final String TENANT = "ten_acme";
  private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";

  @TempDir Path dir;
  private Store store;
  private RunCache cache;
  private final SpanMapper mapper = new SpanMapper(new Redactor(TelemetrySettings.defaults(TENANT)
      .toPolicy(new byte[32])));

  @BeforeEach
  void open() {
    store = JdbcStores.open(StoreConfig.sqlite(dir));
    cache = new RunCache(store.telemetry(), 1_000);
  }

  @AfterEach
  void close() {
    store.close();
  }

  /** One export request as TraceExport handles it: mapped through the cache, remembered, written. */
  private List<SpanRecord> export(DecodedSpan... spans) {
    List<SpanRecord> records = mapper.map(TENANT, List.of(spans), cache.lookupFor(TENANT));
    cache.remember(TENANT, records);
    store.telemetry().write(List.of(new SpanBatch(TENANT, records)));
    return records;
  }

  private static DecodedSpan span(String id, String parent, Map<String, Object> attributes) {
    return new DecodedSpan(TRACE, id, parent, "op-" + id, SpanKind.INTERNAL, 1_000, 2_000, SpanStatus.OK, null,
        attributes, List.of(), DecodedSpan.Resource.EMPTY, null, null);
  }

  private String cachedOrStored(String spanId) {
    return cache.lookupFor(TENANT).runIdsOf(List.of(new SpanKey(TRACE, spanId))).get(new SpanKey(TRACE, spanId));
  }

  @Test
  void aChildOfARehomedSpanJoinsTheParentsRunNotTheTraceRun() {
    export(span("00000000000000c1", "00000000000000b1", Map.of()));
    assertThat(cachedOrStored("00000000000000c1")).isEqualTo(TRACE);

    export(span("00000000000000b1", null, Map.of("run.id", "run-p")));
    assertThat(cachedOrStored("00000000000000c1")).as("moved by the store, and the cache knows it")
        .isEqualTo("run-p");

    List<SpanRecord> grandchild = export(span("00000000000000d1", "00000000000000c1", Map.of()));
    assertThat(grandchild.get(0).span().runId()).isEqualTo("run-p");
    assertThat(store.telemetry().run(TENANT, "run-p").orElseThrow().spanCount()).isEqualTo(3);
    assertThat(store.telemetry().run(TENANT, TRACE)).isEmpty();
  }

  @Test
  void aSpanOfAnotherTraceKeepsItsCachedRun() {
    String other = "0af7651916cd43dd8448eb211c80319c";
    DecodedSpan elsewhere = new DecodedSpan(other, "00000000000000e1", "00000000000000e0", "x", SpanKind.INTERNAL,
        1_000, 2_000, SpanStatus.OK, null, Map.of(), List.of(), DecodedSpan.Resource.EMPTY, null, null);
    export(elsewhere);
    export(span("00000000000000b1", null, Map.of("run.id", "run-p")));

    store.close(); // a lookup that reaches the store now fails: the answer must come from the cache
    assertThat(cache.lookupFor(TENANT).runIdsOf(List.of(new SpanKey(other, "00000000000000e1"))))
        .containsEntry(new SpanKey(other, "00000000000000e1"), other);
    store = JdbcStores.open(StoreConfig.sqlite(dir));
  }

  @Test
  void theStoresAnswerThatASpanIsInItsTraceRunIsNotKept() {
    export(span("00000000000000c1", "00000000000000b1", Map.of()));
    RunCache fresh = new RunCache(store.telemetry(), 1_000);
    SpanKey child = new SpanKey(TRACE, "00000000000000c1");
    assertThat(fresh.lookupFor(TENANT).runIdsOf(List.of(child))).containsEntry(child, TRACE);

    // the parent arrives through another node: this cache never sees it
    List<SpanRecord> parent = mapper.map(TENANT, List.of(span("00000000000000b1", null, Map.of("run.id", "run-p"))),
        SpanMapper.RunLookup.NONE);
    store.telemetry().write(List.of(new SpanBatch(TENANT, parent)));

    assertThat(fresh.lookupFor(TENANT).runIdsOf(List.of(child))).containsEntry(child, "run-p");
  }
}

package dev.aegis.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aegis.core.id.IdGenerator;
import dev.aegis.core.page.Page;
import dev.aegis.core.page.PageRequest;
import dev.aegis.core.policy.DecisionLog;
import dev.aegis.core.policy.DecisionQuery;
import dev.aegis.core.policy.DecisionRecord;
import dev.aegis.core.policy.Outcome;
import dev.aegis.core.store.Store;
import dev.aegis.core.store.StoreException;
import dev.aegis.core.tenant.Tenant;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What every {@link DecisionLog} must do, run against each database. */
public abstract class DecisionLogContract {
  private static final Instant T0 = Instant.parse("2026-11-24T12:00:00.123Z");
  /** Newest first, as the log lists them. */
  private static final Comparator<DecisionRecord> NEWEST_FIRST =
      Comparator.comparing(DecisionRecord::at).thenComparing(DecisionRecord::decisionId).reversed();

  @TempDir protected Path dataDir;
  protected Store store;
  private DecisionLog log;
  private final IdGenerator ids = IdGenerator.system();
  private Tenant acme;
  private Tenant globex;

  /** The configuration of a new, empty store of the kind under test. */
  protected abstract StoreConfig config();

  /** The configuration that opens the same database as the store under test. */
  protected abstract StoreConfig reopenConfig();

  /** The database's plan for a query, as text that names the indexes it uses. */
  protected abstract String explain(Jdbi raw, String sql);

  @BeforeEach
  void open() {
    store = JdbcStores.open(config());
    log = store.decisions();
    acme = tenant("acme");
    globex = tenant("globex");
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void aDecisionReadsBackWhole() {
    DecisionRecord full = new DecisionRecord(ids.next(DecisionRecord.ID_PREFIX), acme.id(), T0, "agent-1", "run-1",
        "4bf92f3577b34da6a3ce929d0e0e4736", "summarize", "draft", "write:summaries", "s3", "s3://bucket/key",
        "{\"size_mb\":60,\"external_domain\":\"[redacted]\"}", Outcome.REQUIRE_APPROVAL,
        "[{\"code\":\"approval.size\",\"message\":\"60 MB is over 50 MB\"}]", List.of("support@3", "limits@1"),
        Outcome.DENY, 12_345L, false);
    DecisionRecord sparse = new DecisionRecord(ids.next(DecisionRecord.ID_PREFIX), acme.id(), T0.plusMillis(1),
        "agent-2", null, null, null, null, "read:documents", null, null, "{}", Outcome.ALLOW, "[]", List.of(),
        null, 0L, true);

    assertThat(log.append(List.of(full, sparse))).isEqualTo(2);

    assertThat(log.find(acme.id(), full.decisionId())).contains(full);
    assertThat(log.find(acme.id(), sparse.decisionId())).contains(sparse);
    assertThat(log.find(globex.id(), full.decisionId())).isEmpty();
    assertThat(log.append(List.of())).isZero();
  }

  @Test
  void appendingADecisionAgainStoresNothingTwice() {
    DecisionRecord a = decision(acme, T0, "agent-1", "run-1", Outcome.DENY, "write:x", "db");
    DecisionRecord b = decision(acme, T0, "agent-1", "run-1", Outcome.DENY, "write:x", "db");
    DecisionRecord c = decision(acme, T0, "agent-1", "run-1", Outcome.DENY, "write:x", "db");

    assertThat(log.append(List.of(a, b))).isEqualTo(2);
    assertThat(log.append(List.of(b, c))).isEqualTo(1);

    assertThat(log.byRun(acme.id(), "run-1", 100)).hasSize(3);
  }

  @Test
  void aBatchWithADecisionTheStoreRefusesStoresNothing() {
    DecisionRecord good = decision(acme, T0, "agent-1", "run-1", Outcome.DENY, "write:x", "db");
    DecisionRecord orphan = new DecisionRecord(ids.next(DecisionRecord.ID_PREFIX), "ten_missing", T0, "agent-1",
        "run-1", null, null, null, "write:x", "db", null, "{}", Outcome.DENY, "[]", List.of(), null, 1L, false);

    assertThatThrownBy(() -> log.append(List.of(good, orphan))).isInstanceOf(StoreException.class);

    assertThat(log.find(acme.id(), good.decisionId())).isEmpty();
    assertThat(log.query(acme.id(), DecisionQuery.ALL, PageRequest.first(10)).items()).isEmpty();
  }

  @Test
  void queriesFilterByEachFieldNewestFirst() {
    List<DecisionRecord> all = new ArrayList<>();
    String[] agents = {"agent-a", "agent-b", "agent-c"};
    Outcome[] outcomes = Outcome.values();
    String[] actions = {"read:documents", "write:summaries"};
    String[] connectors = {"db", "s3", "mail", "web", "crm"};
    for (int i = 0; i < 30; i++) {
      all.add(decision(acme, T0.plusSeconds(i % 7), agents[i % 3], "run-" + (i % 4), outcomes[i % 4],
          actions[i % 2], connectors[i % 5]));
    }
    log.append(all);
    log.append(List.of(decision(globex, T0, "agent-a", "run-0", Outcome.DENY, "read:documents", "db")));

    check(all, DecisionQuery.ALL, d -> true);
    check(all, new DecisionQuery("agent-b", null, null, null, null, null, null), d -> d.agentId().equals("agent-b"));
    check(all, new DecisionQuery(null, "run-2", null, null, null, null, null), d -> "run-2".equals(d.runId()));
    check(all, new DecisionQuery(null, null, Outcome.RATE_LIMITED, null, null, null, null),
        d -> d.outcome() == Outcome.RATE_LIMITED);
    check(all, new DecisionQuery(null, null, null, "write:summaries", null, null, null),
        d -> d.action().equals("write:summaries"));
    check(all, new DecisionQuery(null, null, null, null, "s3", null, null), d -> "s3".equals(d.connector()));
    check(all, new DecisionQuery(null, null, null, null, null, T0.plusSeconds(2), T0.plusSeconds(5)),
        d -> !d.at().isBefore(T0.plusSeconds(2)) && d.at().isBefore(T0.plusSeconds(5)));
    check(all, new DecisionQuery("agent-a", null, Outcome.ALLOW, "read:documents", null, T0.plusSeconds(1), null),
        d -> d.agentId().equals("agent-a") && d.outcome() == Outcome.ALLOW && d.action().equals("read:documents")
            && !d.at().isBefore(T0.plusSeconds(1)));
    assertThat(page(globex, DecisionQuery.ALL, 100)).hasSize(1);
    assertThat(page(acme, new DecisionQuery("agent-z", null, null, null, null, null, null), 100)).isEmpty();
  }

  @Test
  void pagesFollowEachOtherThroughDecisionsMadeAtTheSameMillisecond() {
    List<DecisionRecord> all = new ArrayList<>();
    for (int i = 0; i < 11; i++) {
      all.add(decision(acme, i < 8 ? T0 : T0.plusMillis(i), "agent-1", "run-1", Outcome.DENY, "write:x", "db"));
    }
    log.append(all);

    List<DecisionRecord> seen = new ArrayList<>();
    String after = null;
    int pages = 0;
    do {
      Page<DecisionRecord> page = log.query(acme.id(), DecisionQuery.ALL, new PageRequest(after, 3));
      seen.addAll(page.items());
      after = page.nextAfterId();
      pages++;
    } while (after != null);

    assertThat(pages).isEqualTo(4);
    assertThat(seen).containsExactlyElementsOf(all.stream().sorted(NEWEST_FIRST).toList());
    assertThatThrownBy(() -> log.query(acme.id(), DecisionQuery.ALL, new PageRequest("not-a-cursor", 3)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not-a-cursor");
  }

  @Test
  void aRunsDecisionsComeInTheOrderTheyWereMade() {
    DecisionRecord third = decision(acme, T0.plusSeconds(2), "agent-1", "run-1", Outcome.DENY, "write:x", "db");
    DecisionRecord first = decision(acme, T0, "agent-1", "run-1", Outcome.ALLOW, "read:x", "db");
    DecisionRecord second = decision(acme, T0.plusSeconds(1), "agent-1", "run-1", Outcome.RATE_LIMITED, "read:x",
        "db");
    log.append(List.of(third, first, second,
        decision(acme, T0, "agent-1", "run-2", Outcome.DENY, "write:x", "db"),
        decision(globex, T0, "agent-1", "run-1", Outcome.DENY, "write:x", "db")));

    assertThat(log.byRun(acme.id(), "run-1", 100)).containsExactly(first, second, third);
    assertThat(log.byRun(acme.id(), "run-1", 2)).containsExactly(first, second);
    assertThat(log.byRun(globex.id(), "run-1", 100)).hasSize(1).doesNotContain(first, second, third);
    assertThat(log.byRun(acme.id(), "run-9", 100)).isEmpty();
  }

  @Test
  void inputsStreamOldestFirstFromTheirStartAndStopAtTheLimit() {
    List<DecisionRecord> all = new ArrayList<>();
    for (int i = 0; i < 1_200; i++) {
      all.add(decision(acme, T0.plusMillis(i), "agent-" + (i % 5), "run-" + (i % 9), Outcome.values()[i % 4],
          "write:x", "db"));
    }
    log.append(all);
    log.append(List.of(decision(globex, T0.plusSeconds(1), "agent-1", "run-1", Outcome.DENY, "write:x", "db")));

    List<DecisionRecord> streamed = new ArrayList<>();
    int handed = log.inputsSince(acme.id(), T0.plusMillis(100), 5_000, streamed::add);

    assertThat(handed).isEqualTo(1_100);
    assertThat(streamed).containsExactlyElementsOf(all.subList(100, 1_200));
    List<DecisionRecord> few = new ArrayList<>();
    assertThat(log.inputsSince(acme.id(), T0, 7, few::add)).isEqualTo(7);
    assertThat(few).containsExactlyElementsOf(all.subList(0, 7));
  }

  @Test
  void retentionDeletesWhatIsOlderThanTheCutoffForOneTenantOrAll() {
    List<DecisionRecord> mine = new ArrayList<>();
    List<DecisionRecord> theirs = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      mine.add(decision(acme, T0.plusSeconds(i), "agent-1", "run-1", Outcome.DENY, "write:x", "db"));
      theirs.add(decision(globex, T0.plusSeconds(i), "agent-1", "run-1", Outcome.DENY, "write:x", "db"));
    }
    log.append(mine);
    log.append(theirs);

    assertThat(log.purgeOlderThan(acme.id(), T0.plusSeconds(4))).isEqualTo(4);
    assertThat(log.byRun(acme.id(), "run-1", 100)).containsExactlyElementsOf(mine.subList(4, 10));
    assertThat(log.byRun(globex.id(), "run-1", 100)).hasSize(10);

    assertThat(log.purgeOlderThan(null, T0.plusSeconds(6))).isEqualTo(2 + 6);
    assertThat(log.byRun(acme.id(), "run-1", 100)).containsExactlyElementsOf(mine.subList(6, 10));
    assertThat(log.byRun(globex.id(), "run-1", 100)).containsExactlyElementsOf(theirs.subList(6, 10));
    assertThat(log.purgeOlderThan(null, T0.plusSeconds(6))).isZero();
  }

  @Test
  void eachFilterIsServedByItsIndexWhichAlsoGivesTheOrder() {
    Jdbi raw = RawJdbi.of(reopenConfig());
    expectPlan(raw, DecisionQuery.ALL, true, "decisions_by_time");
    expectPlan(raw, new DecisionQuery(null, null, null, null, null, T0, T0.plusSeconds(60)), false,
        "decisions_by_time");
    expectPlan(raw, new DecisionQuery("a", null, null, null, null, null, null), false, "decisions_by_agent");
    expectPlan(raw, new DecisionQuery("a", null, null, null, null, T0, T0.plusSeconds(60)), true,
        "decisions_by_agent");
    expectPlan(raw, new DecisionQuery(null, "r", null, null, null, T0, null), true, "decisions_by_run");
    // with several filters the database may pick any of their indexes (PostgreSQL by its statistics)
    expectPlan(raw, new DecisionQuery("a", "r", Outcome.DENY, null, null, null, null), false, "decisions_by_");
    expectPlan(raw, new DecisionQuery(null, null, Outcome.DENY, null, null, null, null), false,
        "decisions_by_outcome");
    expectPlan(raw, new DecisionQuery(null, null, null, "write:x", null, T0, null), true, "decisions_by_action");
    expectPlan(raw, new DecisionQuery(null, null, null, null, "db", null, T0), false, "decisions_by_connector");
  }

  private void expectPlan(Jdbi raw, DecisionQuery query, boolean afterCursor, String index) {
    String plan = explain(raw, JdbcDecisionLog.querySql(query, afterCursor, dialect()));
    assertThat(plan).as("plan for %s", query).contains(index).doesNotContainIgnoringCase("sort")
        .doesNotContain("TEMP B-TREE").doesNotContainIgnoringCase("seq scan");
  }

  /** The dialect of the database under test. */
  private Dialect dialect() {
    return Dialect.of(reopenConfig().url() == null ? "jdbc:sqlite:" : reopenConfig().url());
  }

  @Test
  void whatWasWrittenSurvivesReopening() {
    DecisionRecord d = decision(acme, T0, "agent-1", "run-1", Outcome.DENY, "write:x", "db");
    log.append(List.of(d));
    store.close();

    store = JdbcStores.open(reopenConfig());
    log = store.decisions();

    assertThat(log.find(acme.id(), d.decisionId())).contains(d);
  }

  private void check(List<DecisionRecord> all, DecisionQuery query, Predicate<DecisionRecord> matches) {
    List<DecisionRecord> expected = all.stream().filter(matches).sorted(NEWEST_FIRST).toList();
    assertThat(expected).as("the fixture has matches for %s", query).isNotEmpty();
    assertThat(page(acme, query, 100)).as("%s", query).containsExactlyElementsOf(expected);
  }

  private List<DecisionRecord> page(Tenant tenant, DecisionQuery query, int limit) {
    return log.query(tenant.id(), query, PageRequest.first(limit)).items();
  }

  private DecisionRecord decision(Tenant tenant, Instant at, String agent, String run, Outcome outcome,
      String action, String connector) {
    return new DecisionRecord(ids.next(DecisionRecord.ID_PREFIX), tenant.id(), at, agent, run, null, "summarize",
        null, action, connector, null, "{\"n\":1}", outcome, "[]", List.of("support@1"), null, 1_000L,
        outcome == Outcome.ALLOW);
  }

  /** The query with a sample value bound to every parameter a decisions page may have. */
  protected static Query withSampleValues(Query query) {
    return query.bind("tenant", "ten_1").bind("agent", "a").bind("run", "r").bind("outcome", "deny")
        .bind("action", "write:x").bind("connector", "db").bind("from", T0.toEpochMilli())
        .bind("to", T0.toEpochMilli()).bind("afterAt", T0.toEpochMilli()).bind("afterId", "dec_1")
        .bind("limit", 51);
  }


  private Tenant tenant(String name) {
    Tenant tenant = new Tenant(ids.next(Tenant.ID_PREFIX), name, T0);
    store.tenants().create(tenant);
    return tenant;
  }
}

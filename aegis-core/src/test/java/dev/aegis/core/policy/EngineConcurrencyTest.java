package dev.aegis.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Many threads deciding for one agent on one connector never get more allows than the cap. */
class EngineConcurrencyTest {
  @Test
  void racingDecisionsNeverExceedTheCap() throws Exception {
    MutableClock clock = new MutableClock(Instant.parse("2026-11-24T12:00:00Z"));
    PolicySet set = Policies.set(PolicyParser.parse(Policies.resource("sample.json"), PolicyFormat.JSON).orThrow());
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      for (int round = 0; round < 10; round++) {
        PolicyEngine engine = PolicyEngine.inMemory(tenant -> set, clock);
        DecisionRequest call = Policies.request("summarizer-" + round, "write:summaries", "db", null);
        AtomicInteger allowed = new AtomicInteger();
        AtomicInteger limited = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
          futures.add(pool.submit(() -> {
            start.await();
            for (int i = 0; i < 20; i++) {
              Decision d = engine.decide(call);
              (d.outcome() == Outcome.ALLOW ? allowed : limited).incrementAndGet();
            }
            return null;
          }));
        }
        start.countDown();
        for (Future<?> f : futures) {
          f.get();
        }
        assertThat(allowed.get()).as("round %d", round).isEqualTo(30);
        assertThat(limited.get()).isEqualTo(8 * 20 - 30);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aStoredDocumentUnderAnotherIdIsUnusable() {
    PolicySet set =
        PolicySet.of(List.of(new PolicySource("renamed", 2, PolicyDocument.granting("original", "read:documents"))));
    Decision d = PolicyEngine.inMemory(tenant -> set, new MutableClock(Instant.EPOCH))
        .decide(Policies.request("a", "read:documents", null, null));
    assertThat(Policies.codes(d)).containsExactly(ReasonCode.INVALID_POLICY);
    assertThat(d.reasons().get(0).message()).contains("renamed@2", "'original'");
  }

  @Test
  void explainListsRulesAndValidatorsWithTheirVersion() {
    PolicyDocument doc =
        Policies.yaml(
            """
            policy_id: explained
            capabilities: [write:summaries]
            rules:
              - {id: r1, when: "request.verb == 'write'", effect: require_approval, reason: check writes}
            validators:
              write:summaries: {max_size_mb: 2}
            """);
    EffectivePolicy.Explanation e = Policies.set(doc).effective("a", null, null).explain();
    assertThat(e.rules()).singleElement().satisfies(r -> {
      assertThat(r.policy()).hasToString("explained@1");
      assertThat(r.id()).isEqualTo("r1");
      assertThat(r.effect()).isEqualTo(RuleEffect.REQUIRE_APPROVAL);
      assertThat(r.reason()).isEqualTo("check writes");
    });
    assertThat(e.validators()).singleElement().satisfies(v -> {
      assertThat(v.capability()).isEqualTo("write:summaries");
      assertThat(v.validator().maxSizeMb()).isEqualTo(2.0);
    });
    assertThat(e.unusable()).isEmpty();
  }
}

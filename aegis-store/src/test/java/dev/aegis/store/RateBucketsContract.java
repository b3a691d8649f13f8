package dev.aegis.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aegis.core.id.IdGenerator;
import dev.aegis.core.policy.rate.BucketTake;
import dev.aegis.core.policy.rate.RateBuckets;
import dev.aegis.core.store.Store;
import dev.aegis.core.tenant.Tenant;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What every {@link RateBuckets} must do, run against each database. */
public abstract class RateBucketsContract {
  private static final Instant T0 = Instant.parse("2026-11-24T12:00:00.123Z");
  /** The brief's {@code db} connector: 30 calls a minute. */
  private static final int CAP = 30;

  @TempDir protected Path dataDir;
  protected Store store;
  private RateBuckets buckets;
  private final IdGenerator ids = IdGenerator.system();
  private Tenant acme;
  private Tenant globex;

  /** The configuration of a new, empty store of the kind under test. */
  protected abstract StoreConfig config();

  /** The configuration that opens the same database as the store under test. */
  protected abstract StoreConfig reopenConfig();

  @BeforeEach
  void open() {
    store = JdbcStores.open(config());
    buckets = store.rateBuckets();
    acme = tenant("acme");
    globex = tenant("globex");
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void aFreshBucketGrantsItsCapacityThenSaysWhenToRetry() {
    for (int i = 1; i <= CAP; i++) {
      assertThat(take(acme, "agent-1", "db", T0)).isEqualTo(new BucketTake(true, CAP - i, 0));
    }

    // 30 a minute is one token every 2 seconds
    assertThat(take(acme, "agent-1", "db", T0)).isEqualTo(new BucketTake(false, 0, 2_000));
    assertThat(take(acme, "agent-1", "db", T0.plusMillis(500))).isEqualTo(new BucketTake(false, 0, 1_500));
  }

  @Test
  void tokensComeBackWithTimeButNeverAboveTheCapacity() {
    drain(acme, "agent-1", "db", T0);

    assertThat(take(acme, "agent-1", "db", T0.plusMillis(1_999))).isEqualTo(new BucketTake(false, 0, 1));
    assertThat(take(acme, "agent-1", "db", T0.plusMillis(2_000))).isEqualTo(new BucketTake(true, 0, 0));
    assertThat(take(acme, "agent-1", "db", T0.plusMillis(2_000)).granted()).isFalse();
    assertThat(take(acme, "agent-1", "db", T0.plusSeconds(3_600))).isEqualTo(new BucketTake(true, CAP - 1, 0));
  }

  @Test
  void aClockThatGoesBackAddsNoTokens() {
    drain(acme, "agent-1", "db", T0.plusSeconds(10));

    BucketTake earlier = take(acme, "agent-1", "db", T0);

    assertThat(earlier.granted()).isFalse();
    assertThat(take(acme, "agent-1", "db", T0.plusSeconds(10)).granted()).as("no refill until time passes again")
        .isFalse();
    assertThat(take(acme, "agent-1", "db", T0.plusSeconds(12)).granted()).isTrue();
  }

  @Test
  void aLowerCapAppliesAtOnceAndAHigherOneFillsUpOverTime() {
    take(acme, "agent-1", "db", T0);

    assertThat(buckets.take(acme.id(), "agent-1", "db", 5, 5, T0)).isEqualTo(new BucketTake(true, 4, 0));
    assertThat(buckets.take(acme.id(), "agent-1", "db", 100, 60, T0)).isEqualTo(new BucketTake(true, 3, 0));
    assertThat(buckets.take(acme.id(), "agent-1", "db", 100, 60, T0.plusSeconds(10)))
        .isEqualTo(new BucketTake(true, 12, 0));
  }

  @Test
  void eachTenantAgentAndConnectorHasItsOwnBucket() {
    drain(acme, "agent-1", "db", T0);

    assertThat(take(acme, "agent-1", "db", T0).granted()).isFalse();
    assertThat(take(acme, "agent-2", "db", T0)).isEqualTo(new BucketTake(true, CAP - 1, 0));
    assertThat(take(acme, "agent-1", "s3", T0)).isEqualTo(new BucketTake(true, CAP - 1, 0));
    assertThat(take(globex, "agent-1", "db", T0)).isEqualTo(new BucketTake(true, CAP - 1, 0));
  }

  @Test
  void badInputIsRefusedAndTakesNothing() {
    assertThatThrownBy(() -> buckets.take(acme.id(), "agent-1", "db", 0, 30, T0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("capacity");
    assertThatThrownBy(() -> buckets.take(acme.id(), "agent-1", "db", -3, 30, T0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> buckets.take(acme.id(), "agent-1", "db", 30, 0, T0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("refillPerMinute");
    assertThatThrownBy(() -> buckets.take(acme.id(), " ", "db", 30, 30, T0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("agentId");
    assertThatThrownBy(() -> buckets.take(acme.id(), "agent-1", "", 30, 30, T0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("connector");
    assertThatThrownBy(() -> buckets.take(acme.id(), "agent-1", "db", 30, 30, null))
        .isInstanceOf(IllegalArgumentException.class);

    assertThat(take(acme, "agent-1", "db", T0)).as("the bucket is still full").isEqualTo(new BucketTake(true, 29, 0));
  }

  @Test
  void idleBucketsAreForgottenAndStartFullAgain() {
    drain(acme, "agent-1", "db", T0);
    drain(acme, "agent-2", "db", T0.plusSeconds(30));

    assertThat(buckets.forgetIdleSince(T0.plusSeconds(1))).isEqualTo(1);

    assertThat(take(acme, "agent-1", "db", T0.plusSeconds(30))).isEqualTo(new BucketTake(true, CAP - 1, 0));
    assertThat(take(acme, "agent-2", "db", T0.plusSeconds(30)).granted()).isFalse();
  }

  @Test
  void takersOnTwoStoresAtTheSameMomentGetExactlyTheCapacity() throws Exception {
    try (Store other = JdbcStores.open(reopenConfig())) {
      List<RateBuckets> sides = List.of(buckets, other.rateBuckets());
      int threads = 16;
      int takesEach = 6;
      // both pools hold open connections before the race, so that neither side starts late
      Races.run(threads, t -> sides.get(t % 2).take(globex.id(), "warm-up", "db", 1_000, 1_000, T0));

      List<Integer> granted = Races.run(threads, t -> {
        RateBuckets side = sides.get(t % 2);
        int mine = 0;
        for (int i = 0; i < takesEach; i++) {
          if (side.take(acme.id(), "agent-1", "db", CAP, CAP, T0).granted()) {
            mine++;
          }
        }
        return mine;
      });

      assertThat(granted.stream().mapToInt(Integer::intValue).sum()).isEqualTo(CAP);
      List<Integer> perSide = new ArrayList<>(List.of(0, 0));
      for (int t = 0; t < threads; t++) {
        perSide.set(t % 2, perSide.get(t % 2) + granted.get(t));
      }
      assertThat(perSide).as("both stores took part").allMatch(n -> n > 0);
      assertThat(other.rateBuckets().take(acme.id(), "agent-1", "db", CAP, CAP, T0).granted()).isFalse();
    }
  }

  private BucketTake take(Tenant tenant, String agent, String connector, Instant now) {
    return buckets.take(tenant.id(), agent, connector, CAP, CAP, now);
  }

  private void drain(Tenant tenant, String agent, String connector, Instant now) {
    for (int i = 0; i < CAP; i++) {
      assertThat(take(tenant, agent, connector, now).granted()).isTrue();
    }
  }

  private Tenant tenant(String name) {
    Tenant tenant = new Tenant(ids.next(Tenant.ID_PREFIX), name, T0);
    store.tenants().create(tenant);
    return tenant;
  }
}

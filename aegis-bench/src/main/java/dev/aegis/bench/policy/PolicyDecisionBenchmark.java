package dev.aegis.bench.policy;

import com.cedarpolicy.AuthorizationEngine;
import com.cedarpolicy.BasicAuthorizationEngine;
import com.cedarpolicy.model.AuthorizationRequest;
import com.cedarpolicy.model.AuthorizationResponse;
import com.cedarpolicy.model.Context;
import com.cedarpolicy.model.entity.Entities;
import com.cedarpolicy.model.entity.Entity;
import com.cedarpolicy.model.policy.PolicySet;
import com.cedarpolicy.value.EntityTypeName;
import com.cedarpolicy.value.EntityUID;
import com.cedarpolicy.value.PrimLong;
import com.cedarpolicy.value.PrimString;
import com.cedarpolicy.value.Value;
import dev.aegis.core.policy.Decision;
import dev.aegis.core.policy.DecisionRequest;
import dev.aegis.core.policy.Outcome;
import dev.aegis.core.policy.PolicyEngine;
import dev.aegis.core.policy.PolicyFormat;
import dev.aegis.core.policy.PolicyParser;
import dev.aegis.core.policy.PolicySource;
import dev.aegis.core.policy.rate.InMemoryRateLimiter;
import dev.aegis.core.policy.rate.RateCaps;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One in-process decision, Aegis beside Cedar on the same tenant ({@link PolicyWorkload}): 1 or 1,000 policies
 * with 10 bindings each. Sample mode, so JMH reports the percentiles (p50, p99) of single decisions.
 *
 * <p>{@code aegis} is the steady state: the agent's effective policy is cached, the decision runs every check and
 * takes a rate token. {@code aegisNewAgent} asks for a different glob-matched agent each time, so the effective
 * policy is composed from the binding index on most calls. {@code cedar} decides the equivalent Cedar policy set,
 * cached on the native side ({@code PolicySet.cache()}), with the principal entity passed each call;
 * {@code cedarGrouped} is Cedar's best case, with the bindings resolved beforehand into group membership.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class PolicyDecisionBenchmark {
  @Param({"1", "1000"})
  public int policies;

  private PolicyEngine engine;
  private DecisionRequest request;
  private String[] newAgents;
  private int next;

  private AuthorizationEngine cedar;
  private PolicySet cedarPolicies;
  private AuthorizationRequest cedarRequest;
  private Entities cedarEntities;
  private PolicySet cedarGroupedPolicies;
  private Entities cedarGroupedEntities;

  @Setup
  public void setUp() throws Exception {
    List<PolicySource> sources = new ArrayList<>();
    List<com.cedarpolicy.model.policy.Policy> cedarList = new ArrayList<>();
    StringBuilder cedarText = new StringBuilder();
    StringBuilder cedarGroupedText = new StringBuilder();
    for (int i = 0; i < policies; i++) {
      sources.add(new PolicySource(
          "p" + i, 1, PolicyParser.parse(PolicyWorkload.aegisYaml(i), PolicyFormat.YAML).orThrow()));
      for (String p : PolicyWorkload.cedarPolicies(i)) {
        cedarText.append(p).append('\n');
      }
      for (String p : PolicyWorkload.cedarGroupedPolicies(i)) {
        cedarGroupedText.append(p).append('\n');
      }
    }
    dev.aegis.core.policy.PolicySet set = dev.aegis.core.policy.PolicySet.of(sources);
    // the buckets hold 1,000,000 calls a minute; a clock 100 times fast keeps them from running dry however many
    // decisions JMH makes, while every decision still takes its token
    Clock fast = new FastClock(100);
    engine = new PolicyEngine(t -> set, new InMemoryRateLimiter(fast), new RateCaps(fast), fast);
    int target = policies / 2;
    String agent = "agent-" + target + "-3";
    request = new DecisionRequest(
        "ten_bench", agent, Map.of("team", "t" + target), "task-x", "run_1", "draft", "write:notes_" + target, "db",
        "notes/1", Map.of("size_mb", 5));
    newAgents = new String[1 << 16];
    for (int k = 0; k < newAgents.length; k++) {
      newAgents[k] = "fleet-" + target + "-" + k;
    }

    cedar = new BasicAuthorizationEngine();
    cedarPolicies = PolicySet.parsePolicies(cedarText.toString());
    cedarPolicies.cache();
    Map<String, Value> attrs = new HashMap<>();
    attrs.put("name", new PrimString(agent));
    attrs.put("team", new PrimString("t" + target));
    EntityUID principal = new EntityUID(EntityTypeName.parse("Agent").orElseThrow(), agent);
    cedarEntities = new Entities(Set.of(new Entity(principal, attrs, Set.of())));
    cedarGroupedPolicies = PolicySet.parsePolicies(cedarGroupedText.toString());
    cedarGroupedPolicies.cache();
    EntityUID group = new EntityUID(EntityTypeName.parse("Group").orElseThrow(), "p" + target);
    cedarGroupedEntities = new Entities(Set.of(new Entity(principal, attrs, Set.of(group)), new Entity(group)));
    Map<String, Value> context = new HashMap<>();
    context.put("task_type", new PrimString("task-x"));
    context.put("size_mb", new PrimLong(5));
    cedarRequest = new AuthorizationRequest(
        principal,
        new EntityUID(EntityTypeName.parse("Action").orElseThrow(), "write:notes_" + target),
        new EntityUID(EntityTypeName.parse("Connector").orElseThrow(), "db"),
        new Context(context));
    check();
  }

  /** Both engines must give the same answers before their speed means anything. */
  private void check() throws Exception {
    if (aegis().outcome() != Outcome.ALLOW || !cedar().success.orElseThrow().isAllowed()
        || !cedarGrouped().success.orElseThrow().isAllowed()) {
      throw new IllegalStateException("the engines disagree on the benchmark request");
    }
    DecisionRequest toS3 = new DecisionRequest(
        request.tenantId(), request.agentId(), request.agentLabels(), request.taskType(), null, null,
        request.action(), "s3", null, Map.of("size_mb", 5));
    AuthorizationRequest cedarToS3 = new AuthorizationRequest(
        cedarRequest.principalEUID, cedarRequest.actionEUID,
        new EntityUID(EntityTypeName.parse("Connector").orElseThrow(), "s3"), cedarRequest.context.orElseThrow());
    if (engine.decide(toS3).outcome() != Outcome.DENY
        || cedar.isAuthorized(cedarToS3, cedarPolicies, cedarEntities).success.orElseThrow().isAllowed()
        || cedar.isAuthorized(cedarToS3, cedarGroupedPolicies, cedarGroupedEntities).success.orElseThrow()
            .isAllowed()) {
      throw new IllegalStateException("the engines disagree on a write to the read-only connector");
    }
  }

  @Benchmark
  public Decision aegis() {
    return engine.decide(request);
  }

  @Benchmark
  public Decision aegisNewAgent() {
    String agent = newAgents[next++ & (newAgents.length - 1)];
    return engine.decide(new DecisionRequest(
        request.tenantId(), agent, Map.of(), "task-x", "run_1", "draft", request.action(), "db", "notes/1",
        request.attributes()));
  }

  @Benchmark
  public AuthorizationResponse cedar() throws Exception {
    return cedar.isAuthorized(cedarRequest, cedarPolicies, cedarEntities);
  }

  @Benchmark
  public AuthorizationResponse cedarGrouped() throws Exception {
    return cedar.isAuthorized(cedarRequest, cedarGroupedPolicies, cedarGroupedEntities);
  }

  /** Wall-clock time sped up by a factor, so that rate buckets refill faster than the benchmark drains them. */
  private static final class FastClock extends Clock {
    private final long factor;
    private final long startNanos = System.nanoTime();
    private final Instant start = Instant.now();

    FastClock(long factor) {
      this.factor = factor;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return start.plusNanos((System.nanoTime() - startNanos) * factor);
    }
  }
}

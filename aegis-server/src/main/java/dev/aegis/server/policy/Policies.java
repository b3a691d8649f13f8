package dev.aegis.server.policy;

import dev.aegis.core.id.IdGenerator;
import dev.aegis.core.policy.DecisionLog;
import dev.aegis.core.policy.PolicyEngine;
import dev.aegis.core.policy.PolicySetSource;
import dev.aegis.core.policy.rate.InMemoryRateLimiter;
import dev.aegis.core.policy.rate.RateCaps;
import dev.aegis.core.policy.rate.RateLimiter;
import dev.aegis.core.redact.Redactor;
import dev.aegis.core.store.Store;
import dev.aegis.server.audit.AuditTrail;
import dev.aegis.server.config.PolicyConfig;
import io.javalin.config.RoutesConfig;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The policy feature of the server: policy documents and their versions, the decision point with its rate caps,
 * and the decision log. {@link #decisions()} is the in-process decision API for the gateways.
 */
public final class Policies implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Policies.class);

  private final PolicyRoutes policyRoutes;
  private final DecisionRoutes decisionRoutes;
  private final DecisionLogRoutes logRoutes;
  private final RateCapRoutes capRoutes;
  private final SimulationRoutes simulationRoutes;
  private final DecisionService decisions;
  private final DecisionLogWriter logWriter;
  private final DecisionLog readable;
  private final ScheduledExecutorService refresher;

  private Policies(PolicyRoutes policyRoutes, DecisionRoutes decisionRoutes, DecisionLogRoutes logRoutes,
      RateCapRoutes capRoutes, SimulationRoutes simulationRoutes, DecisionService decisions,
      DecisionLogWriter logWriter, DecisionLog readable, ScheduledExecutorService refresher) {
    this.policyRoutes = policyRoutes;
    this.decisionRoutes = decisionRoutes;
    this.logRoutes = logRoutes;
    this.capRoutes = capRoutes;
    this.simulationRoutes = simulationRoutes;
    this.decisions = decisions;
    this.logWriter = logWriter;
    this.readable = readable;
    this.refresher = refresher;
  }

  /**
   * @param redactors each tenant's redactor, applied to decision attributes before they are logged
   * @param audit records policy and rate-cap changes
   */
  public static Policies start(PolicyConfig config, Store store, Function<String, Redactor> redactors,
      IdGenerator ids, Clock clock, AuditTrail audit) {
    PolicySets sets = new PolicySets(store.policies());
    RateCaps caps = new RateCaps(clock);
    CapOverrides overrides = new CapOverrides(store.capOverrides(), caps, clock);
    PolicySetSource source = tenantId -> {
      overrides.watch(tenantId);
      return sets.forTenant(tenantId);
    };
    RateLimiter limiter = config.sharedRateCaps() ? new SharedRateLimiter(store.rateBuckets(), clock)
        : new InMemoryRateLimiter(clock);
    PolicyEngine engine = new PolicyEngine(source, limiter, caps, clock);
    DecisionLogWriter logWriter = new DecisionLogWriter(store.decisions());
    DecisionLog readable = new FlushingDecisionLog(store.decisions(), logWriter);
    DecisionService decisions = new DecisionService(engine, logWriter, redactors, ids, clock,
        config.allowLogSampleRate(), () -> ThreadLocalRandom.current().nextDouble());
    ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor(
        Thread.ofPlatform().name("aegis-policy-refresh").daemon(true).factory());
    long every = config.refreshInterval().toMillis();
    refresher.scheduleWithFixedDelay(() -> {
      try {
        sets.refresh();
        overrides.reload();
      } catch (RuntimeException e) {
        LOG.warn("Looking for policy changes made by other servers failed; retrying in {} ms", every, e);
      }
    }, every, every, TimeUnit.MILLISECONDS);
    overrides.reload();
    return new Policies(new PolicyRoutes(store.policies(), sets::invalidate, clock, audit),
        new DecisionRoutes(decisions, sets), new DecisionLogRoutes(readable),
        new RateCapRoutes(overrides, ids, clock, audit), new SimulationRoutes(store.policies(), readable, clock),
        decisions, logWriter, readable, refresher);
  }

  public void install(RoutesConfig routes) {
    routes.post("/api/v1/policies/validate", policyRoutes::validate);
    routes.get("/api/v1/policies", policyRoutes::list);
    routes.put("/api/v1/policies/{policy_id}", policyRoutes::put);
    routes.get("/api/v1/policies/{policy_id}", policyRoutes::get);
    routes.delete("/api/v1/policies/{policy_id}", policyRoutes::delete);
    routes.get("/api/v1/policies/{policy_id}/source", policyRoutes::source);
    routes.get("/api/v1/policies/{policy_id}/versions", policyRoutes::history);
    routes.get("/api/v1/policies/{policy_id}/diff", policyRoutes::diff);
    routes.post("/api/v1/policies/{policy_id}/rollback", policyRoutes::rollback);
    routes.post("/api/v1/policies/{policy_id}/simulate", simulationRoutes::simulate);
    routes.post("/api/v1/decisions", decisionRoutes::decide);
    routes.post("/api/v1/decisions/batch", decisionRoutes::batch);
    routes.get("/api/v1/decisions", logRoutes::list);
    routes.get("/api/v1/decisions/{decision_id}", logRoutes::get);
    routes.get("/api/v1/agents/{agent_id}/effective-policy", decisionRoutes::effectivePolicy);
    routes.get("/api/v1/rate-caps", capRoutes::list);
    routes.post("/api/v1/rate-caps", capRoutes::create);
    routes.delete("/api/v1/rate-caps/{override_id}", capRoutes::delete);
  }

  /** The in-process decision API: decide, record, and the hook for an upstream 429. */
  public DecisionService decisions() {
    return decisions;
  }

  /** The decision log for readers: a read sees every decision this server answered before it. */
  public DecisionLog decisionLog() {
    return readable;
  }

  /** Stops looking for changes, and writes the decisions still queued. */
  @Override
  public void close() {
    refresher.shutdownNow();
    logWriter.close();
  }
}

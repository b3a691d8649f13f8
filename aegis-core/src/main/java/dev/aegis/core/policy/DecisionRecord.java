package dev.aegis.core.policy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One decision as the decision log keeps it: the request (already redacted), the outcome, which policy versions
 * decided it and how long it took. Stored to the millisecond.
 *
 * @param decisionId the decision's id, time-ordered ({@code dec_} and a ULID)
 * @param tenantId the tenant it was made for
 * @param at when it was made
 * @param agentId the agent that asked
 * @param runId the run it belongs to, or null
 * @param traceId the trace it belongs to, or null
 * @param taskType the run's task type, or null
 * @param stage the run's workflow stage, or null
 * @param action the capability asked for, such as {@code write:summaries}
 * @param connector the connector it goes to, or null
 * @param resource the resource it touches, or null
 * @param attributes the request's attributes as JSON text, redacted by the caller
 * @param outcome what was decided
 * @param reasons why, as JSON text (codes and sentences)
 * @param policies the policy versions that took part, each {@code id@version}
 * @param shadowOutcome what policies in shadow mode would have decided, or null
 * @param latencyNanos how long deciding took
 * @param sampled true for an allow that was kept by sampling (allows are logged at a sample rate)
 * @param agentLabels the labels the agent presented (bindings may select on them); empty when none
 */
public record DecisionRecord(
    String decisionId,
    String tenantId,
    Instant at,
    String agentId,
    String runId,
    String traceId,
    String taskType,
    String stage,
    String action,
    String connector,
    String resource,
    String attributes,
    Outcome outcome,
    String reasons,
    List<String> policies,
    Outcome shadowOutcome,
    long latencyNanos,
    boolean sampled,
    Map<String, String> agentLabels) {
  public static final String ID_PREFIX = "dec";

  public DecisionRecord {
    Objects.requireNonNull(decisionId, "decisionId");
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(agentId, "agentId");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(attributes, "attributes");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(reasons, "reasons");
    policies = List.copyOf(policies);
    agentLabels = agentLabels == null ? Map.of() : Map.copyOf(agentLabels);
    if (latencyNanos < 0) {
      throw new IllegalArgumentException("latencyNanos must not be negative, was " + latencyNanos);
    }
    if (sampled && outcome != Outcome.ALLOW) {
      throw new IllegalArgumentException("only allows are sampled; every " + outcome.wire() + " is kept");
    }
  }

  /** A record without agent labels. */
  public DecisionRecord(String decisionId, String tenantId, Instant at, String agentId, String runId, String traceId,
      String taskType, String stage, String action, String connector, String resource, String attributes,
      Outcome outcome, String reasons, List<String> policies, Outcome shadowOutcome, long latencyNanos,
      boolean sampled) {
    this(decisionId, tenantId, at, agentId, runId, traceId, taskType, stage, action, connector, resource, attributes,
        outcome, reasons, policies, shadowOutcome, latencyNanos, sampled, Map.of());
  }

}

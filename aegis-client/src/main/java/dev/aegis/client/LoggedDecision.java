package dev.aegis.client;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A decision as the decision log keeps it: its inputs (attributes redacted), outcome and timing. Every deny,
 * approval and rate limit is logged; allows at the server's sample rate.
 *
 * @param agentLabels the labels the agent sent, or null when it sent none
 * @param attributes the request's attributes after redaction, or null when it had none
 * @param shadowOutcome what shadow-mode policies would have decided, when it differed; null otherwise
 * @param latencyUs how long the decision took inside the server, in microseconds
 * @param sampled true for an allow kept by sampling rather than because every allow is logged
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LoggedDecision(
    String decisionId,
    Instant at,
    String agentId,
    Map<String, String> agentLabels,
    String runId,
    String taskType,
    String stage,
    String action,
    String connector,
    String resource,
    JsonNode attributes,
    String outcome,
    List<Reason> reasons,
    List<String> policies,
    String shadowOutcome,
    double latencyUs,
    boolean sampled) {
  public LoggedDecision {
    reasons = reasons == null ? List.of() : List.copyOf(reasons);
    policies = policies == null ? List.of() : List.copyOf(policies);
  }
}

package dev.aegis.core.telemetry;

import java.time.Instant;
import java.util.Map;

/**
 * A control event of a run, from a span event whose name starts with {@code aegis.}: a state transition, a policy
 * decision, an approval request, a fallback. docs/telemetry.md lists the names and their fields.
 *
 * @param seq the event's position among its span's events, which makes it unique with the span's ids
 */
public record RunEvent(
    String tenantId,
    String runId,
    String traceId,
    String spanId,
    int seq,
    Instant time,
    String name,
    Map<String, Object> attributes) {
  public static final String PREFIX = "aegis.";
  public static final String STATE_TRANSITION = "aegis.state_transition";
  public static final String POLICY_DECISION = "aegis.policy_decision";
  public static final String APPROVAL_REQUESTED = "aegis.approval_requested";
  public static final String FALLBACK = "aegis.fallback";

  public RunEvent {
    attributes = Attributes.copyOf(attributes);
  }
}

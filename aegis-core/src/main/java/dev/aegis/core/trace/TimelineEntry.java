package dev.aegis.core.trace;

import dev.aegis.core.telemetry.Attributes;
import java.time.Instant;
import java.util.Map;

/**
 * One thing that happened in a run, at one moment.
 *
 * @param at when, to the nanosecond
 * @param type what kind of thing
 * @param runId the run of the span it belongs to
 * @param traceId the trace of that span
 * @param spanId that span
 * @param name the span's name, or the event's name for an event
 * @param summary one line for people, such as {@code crm.lookup POST https://crm.example/api -> 503 in 120 ms}
 * @param details the fields behind the summary (already redacted)
 */
public record TimelineEntry(
    Instant at,
    TimelineType type,
    String runId,
    String traceId,
    String spanId,
    String name,
    String summary,
    Map<String, Object> details) {
  public TimelineEntry {
    details = Attributes.copyOf(details);
  }
}

package dev.aegis.server.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aegis.core.id.IdGenerator;
import dev.aegis.core.policy.Decision;
import dev.aegis.core.policy.DecisionPoint;
import dev.aegis.core.policy.DecisionRecord;
import dev.aegis.core.policy.DecisionRequest;
import dev.aegis.core.policy.Outcome;
import dev.aegis.core.redact.Redactor;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.DoubleSupplier;
import java.util.function.Function;

/**
 * Decides and records: the in-process entry the HTTP routes and the gateways use. Every deny, require_approval and
 * rate_limited decision, and allows at the configured sample rate, are written to the decision log (attributes
 * redacted with the tenant's redaction settings) before the answer is given; when the log cannot take them the call
 * fails with {@link DecisionLogUnavailable}, so no unrecorded decision is ever acted on.
 */
public final class DecisionService {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long LOG_TIMEOUT_SECONDS = 30;

  private final DecisionPoint point;
  private final DecisionLogWriter log;
  private final Function<String, Redactor> redactors;
  private final IdGenerator ids;
  private final Clock clock;
  private final double allowSampleRate;
  private final DoubleSupplier random;

  DecisionService(DecisionPoint point, DecisionLogWriter log, Function<String, Redactor> redactors, IdGenerator ids,
      Clock clock, double allowSampleRate, DoubleSupplier random) {
    this.point = point;
    this.log = log;
    this.redactors = redactors;
    this.ids = ids;
    this.clock = clock;
    this.allowSampleRate = allowSampleRate;
    this.random = random;
  }

  /**
   * A decision and the id it is known by (in the log, on the run's timeline, and to approvals).
   *
   * @param logged whether the decision log holds it (allows may be sampled out)
   */
  public record Decided(String decisionId, Decision decision, boolean logged) {}

  /** Thrown when the decision log cannot record a decision: the caller answers 503 and nothing is acted on. */
  public static final class DecisionLogUnavailable extends RuntimeException {
    private static final long serialVersionUID = 1L;

    DecisionLogUnavailable(String message, Throwable cause) {
      super(message, cause);
    }
  }

  public Decided decide(DecisionRequest request) {
    return decideAll(List.of(request)).getFirst();
  }

  /** Decides the requests in order and records them in one log transaction. */
  public List<Decided> decideAll(List<DecisionRequest> requests) {
    List<Decided> decided = new ArrayList<>(requests.size());
    List<DecisionRecord> records = new ArrayList<>();
    for (DecisionRequest request : requests) {
      long started = System.nanoTime();
      Decision decision = point.decide(request);
      long latency = System.nanoTime() - started;
      String id = ids.next(DecisionRecord.ID_PREFIX);
      boolean logged = decision.outcome() != Outcome.ALLOW || sampled();
      if (logged) {
        records.add(record(id, request, decision, latency));
      }
      decided.add(new Decided(id, decision, logged));
    }
    if (!records.isEmpty()) {
      await(log.offer(records));
    }
    return decided;
  }

  /** The gateway's hook for an upstream 429. */
  public DecisionPoint point() {
    return point;
  }

  private boolean sampled() {
    return allowSampleRate >= 1 || (allowSampleRate > 0 && random.getAsDouble() < allowSampleRate);
  }

  private static void await(CompletableFuture<Void> committed) {
    if (committed == null) {
      throw new DecisionLogUnavailable("the decision log's queue is full", null);
    }
    try {
      committed.get(LOG_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DecisionLogUnavailable("interrupted while the decision log was written", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new DecisionLogUnavailable("the decision log could not be written", e);
    }
  }

  private DecisionRecord record(String id, DecisionRequest r, Decision d, long latencyNanos) {
    Redactor redactor = redactors.apply(r.tenantId());
    Map<String, Object> attributes = redactor.redactAttributes(r.attributes()).attributes();
    List<Map<String, String>> reasons = d.reasons().stream()
        .map(reason -> Map.of("code", reason.code().wire(), "message", reason.message())).toList();
    return new DecisionRecord(id, r.tenantId(), clock.instant().truncatedTo(ChronoUnit.MILLIS), r.agentId(),
        r.runId(), null, r.taskType(), r.stage(), r.action(), r.connector(),
        r.resource() == null ? null : redactor.redact(r.resource()), json(attributes), outcome(d.outcome()),
        json(reasons), DecisionView.refs(d.policies()), d.shadow() == null ? null : outcome(d.shadow().outcome()),
        latencyNanos, d.outcome() == Outcome.ALLOW && allowSampleRate < 1, r.agentLabels());
  }

  private static Outcome outcome(Outcome outcome) {
    return outcome;
  }

  private static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("plain maps and lists always serialise", e);
    }
  }
}

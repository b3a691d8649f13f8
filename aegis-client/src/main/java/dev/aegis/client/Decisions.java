package dev.aegis.client;

import com.fasterxml.jackson.databind.JavaType;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The decision point and its log; reached with {@link AegisClient#decisions()}. Asking for decisions needs an
 * {@code agent}, {@code operator} or {@code admin} key; reading the log an {@code admin}, {@code operator} or
 * {@code approver} key.
 */
public final class Decisions {
  /** The most requests one {@link #decideAll} call may carry. */
  public static final int MAX_BATCH = 100;

  private static final JavaType BATCH = Transport.type(Batch.class);

  private final Transport transport;

  Decisions(Transport transport) {
    this.transport = transport;
  }

  /** The decision for one request; 422 with a pointer per bad field. Ask before every side effect. */
  public Decision decide(DecisionRequest request) {
    Objects.requireNonNull(request, "request");
    return transport.post("/api/v1/decisions", request, Transport.type(Decision.class));
  }

  /**
   * Decisions for up to {@value #MAX_BATCH} requests, in order, as if asked one after the other (so rate caps count
   * each). 422 names the bad request by its index, such as {@code /requests/3/action}.
   */
  public List<Decision> decideAll(List<DecisionRequest> requests) {
    Objects.requireNonNull(requests, "requests");
    Batch answer = transport.post("/api/v1/decisions/batch", Map.of("requests", requests), BATCH);
    return answer.decisions();
  }

  /** One page of the decision log, newest first. */
  public Page<LoggedDecision> list(DecisionFilter filter, PageQuery query) {
    return transport.get("/api/v1/decisions", filter.params(query), Transport.pageOf(LoggedDecision.class));
  }

  /** Every logged decision the filter matches, newest first, fetched page by page as the stream is consumed. */
  public Stream<LoggedDecision> listAll(DecisionFilter filter) {
    return Pages.stream(q -> list(filter, q), PageQuery.first(PageQuery.MAX_LIMIT));
  }

  /** One logged decision; 404 when it is not in the log (allows may be sampled out). */
  public LoggedDecision get(String decisionId) {
    return transport.get("/api/v1/decisions/" + Transport.segment(decisionId), Map.of(),
        Transport.type(LoggedDecision.class));
  }

  /** The batch answer. */
  record Batch(List<Decision> decisions) {
    Batch {
      decisions = decisions == null ? List.of() : List.copyOf(decisions);
    }
  }
}

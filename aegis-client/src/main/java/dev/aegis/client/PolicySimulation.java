package dev.aegis.client;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.List;

/**
 * What replaying logged decisions against a candidate policy found: which outcomes would change, how often, and
 * examples. Rate caps are not replayed, so a logged {@code rate_limited} counts as the {@code allow} it was before
 * the cap.
 *
 * @param since the start of the replayed window
 * @param until its end
 * @param replayed how many logged decisions were replayed
 * @param changed how many would get another outcome
 * @param byChange per change of outcome, how many; most frequent first
 * @param examples a few decisions per change
 * @param truncated true when the window held more decisions than the server replays at once (100,000); the oldest
 *     were replayed
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record PolicySimulation(
    String policyId,
    Instant since,
    Instant until,
    long replayed,
    long changed,
    List<Transition> byChange,
    List<Example> examples,
    boolean truncated) {
  public PolicySimulation {
    byChange = byChange == null ? List.of() : List.copyOf(byChange);
    examples = examples == null ? List.of() : List.copyOf(examples);
  }

  /** A change of outcome, such as {@code allow} to {@code deny}, and how many decisions make it. */
  public record Transition(String from, String to, long count) {}

  /**
   * One logged decision whose outcome would change, and the candidate's reasons.
   *
   * @param at when it was decided, or null when the server does not say
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Example(
      String decisionId,
      Instant at,
      String agentId,
      String action,
      String connector,
      String from,
      String to,
      List<Reason> reasons) {
    public Example {
      reasons = reasons == null ? List.of() : List.copyOf(reasons);
    }
  }
}

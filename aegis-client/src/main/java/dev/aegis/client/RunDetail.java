package dev.aegis.client;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * A run and where it sits among the runs that started it: the answer of {@link Runs#get(String)}.
 *
 * @param run the run's summary (written at the top level, as the API does)
 * @param lineage its ancestors and children
 */
public record RunDetail(@JsonUnwrapped Run run, Lineage lineage) {
  /**
   * Where a run sits among the runs that started it.
   *
   * @param ancestors the parent, its parent, and so on, nearest first
   * @param rootRunId the top of the chain when it is complete (the run itself when it has no parent), else null
   * @param chainEnd why the ancestors end: {@code root}, {@code missing_parent} (not stored), {@code cycle} or
   *     {@code max_depth}
   * @param children the first child runs, by run id; {@link Runs#children} pages through all of them
   * @param childCount how many child runs there are
   * @param childrenNextCursor the cursor after {@code children}, or null when they are all
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Lineage(
      List<Run> ancestors,
      String rootRunId,
      String chainEnd,
      List<Run> children,
      long childCount,
      String childrenNextCursor) {
    public Lineage {
      ancestors = ancestors == null ? List.of() : List.copyOf(ancestors);
      children = children == null ? List.of() : List.copyOf(children);
    }
  }
}

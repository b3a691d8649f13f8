package dev.aegis.server.query;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.List;

/** {@code GET /api/v1/runs/{run_id}}: the run's summary, and where it sits among the runs that started it. */
record RunDetailView(@JsonUnwrapped RunView run, LineageView lineage) {
  /**
   * @param ancestors the parent, its parent, and so on, nearest first
   * @param rootRunId the top of the chain when it is complete (this run itself when it has no parent), else null
   * @param chainEnd why {@code ancestors} ends: {@code root}, {@code missing_parent}, {@code cycle} or
   *     {@code max_depth}
   * @param children the first child runs, by run id
   * @param childCount how many child runs there are
   * @param childrenNextCursor pass it to {@code GET /api/v1/runs/{run_id}/children} for the rest, or null
   */
  record LineageView(
      List<RunView> ancestors,
      String rootRunId,
      String chainEnd,
      List<RunView> children,
      long childCount,
      String childrenNextCursor) {}
}

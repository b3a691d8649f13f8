package dev.aegis.client;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/** The runs with spans in one trace, by start time: the answer of {@link Runs#byTrace}. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record TraceRuns(String traceId, long spanCount, List<Run> runs) {
  public TraceRuns {
    runs = runs == null ? List.of() : List.copyOf(runs);
  }
}

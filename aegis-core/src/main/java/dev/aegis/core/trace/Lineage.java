package dev.aegis.core.trace;

import dev.aegis.core.telemetry.Run;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Where a run sits among the runs that started it: its ancestors, nearest first, and why the chain ends where it
 * does.
 *
 * @param ancestors the parent, the parent's parent, and so on
 * @param end why there are no more
 */
public record Lineage(List<Run> ancestors, End end) {
  /** The most ancestors followed unless told otherwise. */
  public static final int DEFAULT_MAX_DEPTH = 64;

  public Lineage {
    ancestors = List.copyOf(ancestors);
  }

  /** Why an ancestor chain ends. */
  public enum End {
    /** At a run without a parent: the chain is complete. */
    ROOT,
    /** At a run whose parent is not stored (not sent yet, purged, or never sent). */
    MISSING_PARENT,
    /** At a run whose parent is already in the chain: the runs' parent ids form a loop. */
    CYCLE,
    /** At the depth bound; there may be more. */
    MAX_DEPTH;

    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * Explains an ancestor chain as {@link dev.aegis.core.telemetry.TelemetryStore#ancestors} read it.
   *
   * @param maxDepth the bound the chain was read with
   */
  public static Lineage of(Run run, List<Run> ancestors, int maxDepth) {
    Run last = ancestors.isEmpty() ? run : ancestors.getLast();
    String next = last.parentRunId();
    End end;
    if (next == null) {
      end = End.ROOT;
    } else {
      Set<String> chain = new HashSet<>();
      chain.add(run.runId());
      ancestors.forEach(a -> chain.add(a.runId()));
      if (chain.contains(next)) {
        end = End.CYCLE;
      } else if (ancestors.size() >= maxDepth) {
        end = End.MAX_DEPTH;
      } else {
        end = End.MISSING_PARENT;
      }
    }
    return new Lineage(ancestors, end);
  }

  /** The top of the chain when it is complete, else null. */
  public Run root(Run run) {
    return end != End.ROOT ? null : ancestors.isEmpty() ? run : ancestors.getLast();
  }
}

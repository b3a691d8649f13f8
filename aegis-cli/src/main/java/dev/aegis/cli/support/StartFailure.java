package dev.aegis.cli.support;

import java.util.ArrayList;
import java.util.List;

/** Says in one line why a server did not start, from an exception and its causes. */
public final class StartFailure {
  private StartFailure() {}

  /** Such as {@code Cannot create the data directory /x: /x: Permission denied}, each message once. */
  public static String describe(Throwable failure) {
    List<String> parts = new ArrayList<>();
    for (Throwable e = failure; e != null; e = e.getCause() == e ? null : e.getCause()) {
      String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      if (parts.stream().noneMatch(part -> part.contains(message))) {
        parts.add(message);
      }
      if (parts.size() == 4) {
        break;
      }
    }
    return String.join(": ", parts);
  }
}

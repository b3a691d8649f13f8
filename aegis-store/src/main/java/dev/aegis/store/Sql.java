package dev.aegis.store;

import dev.aegis.core.store.StoreException;
import java.util.function.Supplier;
import org.jdbi.v3.core.JdbiException;

/** Runs a database call and turns driver failures into {@link StoreException}. */
final class Sql {
  private Sql() {}

  static <T> T call(String what, Supplier<T> work) {
    try {
      return work.get();
    } catch (JdbiException | IllegalStateException e) {
      throw failure(what, e);
    }
  }

  static void run(String what, Runnable work) {
    call(what, () -> {
      work.run();
      return null;
    });
  }

  static StoreException failure(String what, Exception e) {
    return new StoreException("the store failed to " + what + ": " + rootMessage(e), e);
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
  }
}

package dev.aegis.cli.server;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Stops the server on SIGTERM and SIGINT. Handling the signals, rather than only adding a shutdown hook, lets the
 * foreground process drain, return from {@code join()} and exit with status 0 (a JVM ended by a signal exits with
 * 143 or 130, which service managers report as a failure). A second signal while draining ends the process at once.
 *
 * <p>{@code sun.misc.Signal} lives in the exported {@code jdk.unsupported} module; it is reached reflectively because
 * javac warns about it with no way to suppress the warning. Where it is missing, a shutdown hook still drains.
 */
final class StopSignals {
  private StopSignals() {}

  static void install(Runnable stop) {
    AtomicBoolean stopping = new AtomicBoolean();
    Runnable once =
        () -> {
          if (stopping.compareAndSet(false, true)) {
            stop.run();
          }
        };
    for (String name : List.of("TERM", "INT")) {
      handle(
          name,
          number -> {
            if (stopping.get()) {
              Runtime.getRuntime().halt(128 + number);
            }
            Thread.ofPlatform().name("aegis-stop").start(once);
          });
    }
    // Any other way out (System.exit, SIGHUP) still drains; a no-op after a signal stop.
    Runtime.getRuntime().addShutdownHook(new Thread(once, "aegis-shutdown"));
  }

  interface Handler {
    void signalled(int number);
  }

  /** Whether the handler was installed; false where the JVM does not offer the signal. */
  static boolean handle(String name, Handler handler) {
    try {
      Class<?> signalClass = Class.forName("sun.misc.Signal");
      Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
      Constructor<?> newSignal = signalClass.getConstructor(String.class);
      Method number = signalClass.getMethod("getNumber");
      Method install = signalClass.getMethod("handle", signalClass, handlerClass);
      Object proxy =
          Proxy.newProxyInstance(
              StopSignals.class.getClassLoader(),
              new Class<?>[] {handlerClass},
              (self, method, args) -> {
                if (method.getName().equals("handle") && args != null && args.length == 1) {
                  handler.signalled((Integer) number.invoke(args[0]));
                  return null;
                }
                return switch (method.getName()) {
                  case "hashCode" -> System.identityHashCode(self);
                  case "equals" -> self == args[0];
                  case "toString" -> "aegis stop handler for SIG" + name;
                  default -> null;
                };
              });
      install.invoke(null, newSignal.newInstance(name), proxy);
      return true;
    } catch (ClassNotFoundException | NoSuchMethodException | IllegalAccessException | InstantiationException e) {
      return false;
    } catch (InvocationTargetException e) {
      // IllegalArgumentException: the signal is unknown here, or reserved because the JVM runs with -Xrs.
      return false;
    }
  }
}

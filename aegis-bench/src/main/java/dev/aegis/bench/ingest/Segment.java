package dev.aegis.bench.ingest;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.HdrHistogram.Histogram;

/**
 * One stretch of closed-loop load on one target: {@code concurrency} senders, each sending its next request as soon
 * as the last one was answered. A first settling part is not counted; then only 2xx answers count, by the time they
 * arrive. A 429 or 503 is counted apart and honoured: that sender waits the Retry-After and sends the same body
 * again (the server stored nothing of it).
 */
final class Segment {
  private static final long MAX_LATENCY_MICROS = TimeUnit.MINUTES.toMicros(5);
  private static final long DEFAULT_RETRY_AFTER_MILLIS = 1_000;

  private Segment() {}

  /** What one segment measured. */
  record Result(String target, int round, long spans, long requests, long refused, long errors, long elapsedNanos,
      Histogram latencyMicros, OptionalLong serverCpuNanos, OptionalLong serverWriteBytes, long driverCpuNanos,
      String firstError) {
    double spansPerSecond() {
      return spans * 1e9 / elapsedNanos;
    }

    /** Server CPU milliseconds per 1,000 acknowledged spans, when the server's processes were given. */
    java.util.OptionalDouble serverCpuMillisPerKiloSpan() {
      if (serverCpuNanos.isEmpty() || spans == 0) {
        return java.util.OptionalDouble.empty();
      }
      return java.util.OptionalDouble.of(serverCpuNanos.getAsLong() / 1e6 / (spans / 1e3));
    }

    /** Bytes the server wrote to storage per acknowledged span, when its processes were given. */
    java.util.OptionalDouble serverWriteBytesPerSpan() {
      if (serverWriteBytes.isEmpty() || spans == 0) {
        return java.util.OptionalDouble.empty();
      }
      return java.util.OptionalDouble.of((double) serverWriteBytes.getAsLong() / spans);
    }
  }

  static Result run(LoadTarget target, int round, int concurrency, Duration settle, Duration measure) {
    long start = System.nanoTime();
    long from = start + settle.toNanos();
    long end = from + measure.toNanos();
    List<Sender> senders = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < concurrency; i++) {
      Sender sender = new Sender(target, from, end);
      senders.add(sender);
      threads.add(Thread.ofPlatform().name("load-" + target.name + "-" + i).start(sender));
    }
    sleepUntil(from);
    OptionalLong cpuFrom = target.cpu.nanos();
    OptionalLong writtenFrom = target.cpu.writeBytes();
    long driverFrom = driverCpuNanos();
    sleepUntil(end);
    OptionalLong cpuTo = target.cpu.nanos();
    OptionalLong writtenTo = target.cpu.writeBytes();
    long driverTo = driverCpuNanos();
    for (Thread t : threads) {
      try {
        t.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while the senders finish", e);
      }
    }
    Histogram latency = new Histogram(MAX_LATENCY_MICROS, 3);
    long spans = 0;
    long requests = 0;
    long refused = 0;
    long errors = 0;
    String firstError = null;
    for (Sender s : senders) {
      latency.add(s.latency);
      spans += s.spans;
      requests += s.requests;
      refused += s.refused;
      errors += s.errors;
      if (firstError == null) {
        firstError = s.firstError.get();
      }
    }
    OptionalLong server = cpuFrom.isPresent() && cpuTo.isPresent()
        ? OptionalLong.of(cpuTo.getAsLong() - cpuFrom.getAsLong()) : OptionalLong.empty();
    OptionalLong written = writtenFrom.isPresent() && writtenTo.isPresent()
        ? OptionalLong.of(writtenTo.getAsLong() - writtenFrom.getAsLong()) : OptionalLong.empty();
    return new Result(target.name, round, spans, requests, refused, errors, end - from, latency, server, written,
        driverTo - driverFrom, firstError);
  }

  private static long driverCpuNanos() {
    if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime();
    }
    return 0;
  }

  private static void sleepUntil(long nanoTime) {
    long left;
    while ((left = nanoTime - System.nanoTime()) > 0) {
      try {
        TimeUnit.NANOSECONDS.sleep(left);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private static final class Sender implements Runnable {
    private final LoadTarget target;
    private final long from;
    private final long end;
    private final Histogram latency = new Histogram(MAX_LATENCY_MICROS, 3);
    private final AtomicReference<String> firstError = new AtomicReference<>();
    private long spans;
    private long requests;
    private long refused;
    private long errors;

    Sender(LoadTarget target, long from, long end) {
      this.target = target;
      this.from = from;
      this.end = end;
    }

    @Override
    public void run() {
      while (System.nanoTime() < end) {
        LoadTarget.Request request = target.next();
        boolean answered = false;
        while (!answered && System.nanoTime() < end) {
          long sent = System.nanoTime();
          HttpResponse<byte[]> response;
          try {
            response = target.client().send(request.http(), HttpResponse.BodyHandlers.ofByteArray());
          } catch (IOException e) {
            error("I/O: " + e);
            pause(100);
            break;
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
          }
          long done = System.nanoTime();
          boolean counted = done >= from && done <= end;
          int status = response.statusCode();
          if (status / 100 == 2) {
            answered = true;
            if (counted) {
              spans += request.spans();
              requests++;
              latency.recordValue(Math.min(MAX_LATENCY_MICROS, (done - sent) / 1_000));
            }
          } else if (status == 429 || status == 503) {
            if (counted) {
              refused++;
            }
            pause(retryAfterMillis(response));
          } else {
            answered = true;
            error(status + ": " + new String(response.body(), java.nio.charset.StandardCharsets.UTF_8));
          }
        }
      }
    }

    private void error(String what) {
      errors++;
      firstError.compareAndSet(null, what.length() > 300 ? what.substring(0, 300) + "..." : what);
    }

    private static long retryAfterMillis(HttpResponse<?> response) {
      return response.headers().firstValue("Retry-After").map(v -> {
        try {
          return Long.parseLong(v.strip()) * 1_000;
        } catch (NumberFormatException e) {
          return DEFAULT_RETRY_AFTER_MILLIS; // an HTTP date: not sent by either server
        }
      }).orElse(DEFAULT_RETRY_AFTER_MILLIS);
    }

    private void pause(long millis) {
      long until = Math.min(end, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis));
      sleepUntil(until);
    }
  }
}

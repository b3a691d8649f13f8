package dev.aegis.bench.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * The CPU time used so far by some processes and all their descendants (a PostgreSQL server's backends, say), and
 * the bytes they caused to be written to storage, read from {@code /proc}: so a driver can say how much CPU and
 * disk a server spent per span, figures that noise on a shared machine disturbs far less than a rate. Empty where
 * {@code /proc} is missing.
 */
public final class ProcessCpu {
  /** Linux reports process times in USER_HZ ticks, 100 per second on every architecture it runs on. */
  private static final long NANOS_PER_TICK = 10_000_000L;

  private final List<Long> pids;

  public ProcessCpu(List<Long> pids) {
    this.pids = List.copyOf(pids);
  }

  /**
   * Bytes the processes and their living descendants caused to be written to storage ({@code write_bytes} of
   * {@code /proc/<pid>/io}: the page cache's write-back, WAL and checkpoints included, not writes to sockets).
   */
  public OptionalLong writeBytes() {
    if (pids.isEmpty()) {
      return OptionalLong.empty();
    }
    long bytes = 0;
    List<Long> all = family();
    for (long pid : all) {
      try (Stream<String> lines = Files.lines(Path.of("/proc", Long.toString(pid), "io"))) {
        bytes += lines.filter(l -> l.startsWith("write_bytes:")).mapToLong(l -> Long.parseLong(l.substring(12)
            .strip())).sum();
      } catch (IOException | RuntimeException e) {
        if (pid == all.getFirst()) {
          return OptionalLong.empty();
        }
      }
    }
    return OptionalLong.of(bytes);
  }

  private List<Long> family() {
    List<Long> all = new ArrayList<>();
    for (long pid : pids) {
      all.add(pid);
      ProcessHandle.of(pid).ifPresent(p -> p.descendants().forEach(d -> all.add(d.pid())));
    }
    return all;
  }

  /** User plus system CPU time of the processes and their living descendants, in nanoseconds. */
  public OptionalLong nanos() {
    if (pids.isEmpty()) {
      return OptionalLong.empty();
    }
    List<Long> all = family();
    long ticks = 0;
    for (long pid : all) {
      try (Stream<String> lines = Files.lines(Path.of("/proc", Long.toString(pid), "stat"))) {
        String stat = lines.findFirst().orElse("");
        // the command name may hold spaces and parentheses; fields resume after the last ')'
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
      } catch (IOException | RuntimeException e) {
        if (pid == all.getFirst()) {
          return OptionalLong.empty();
        }
        // a descendant that exited between listing and reading: its time is gone with it
      }
    }
    return OptionalLong.of(ticks * NANOS_PER_TICK);
  }
}

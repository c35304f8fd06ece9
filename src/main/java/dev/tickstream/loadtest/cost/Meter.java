package dev.tickstream.loadtest.cost;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * CPU over one measured window: the servers' from {@code /proc/<pid>/stat} (utime + stime of
 * every server process of the variant), the players' side from this JVM's process CPU time or,
 * when the players are another process (the Node bots), from that process's {@code /proc}.
 * A window opens when all of its {@code expected} runs have begun measuring (a pair has two)
 * and closes when the first one ends, so it lies inside every run's own window. Thread-safe:
 * the runs call it from their own threads.
 */
final class Meter {
  /** Clock ticks per second of /proc's times; 100 on Linux as built for years. */
  static final long CLK_TCK = clockTicks();

  /** A reading: wall time, the servers' CPU ticks, this JVM's CPU ns, the bot processes' ticks. */
  record Snap(long wallNanos, long serverTicks, long selfNanos, long botTicks) {}

  private final List<Long> pids;
  private final List<Long> botPids;
  private final int expected;
  private int begun;
  private Snap start;
  private Snap stop;

  Meter(List<Long> pids, int expected) {
    this(pids, expected, List.of());
  }

  /** The players' side is the processes {@code botPids} (empty: this JVM). */
  Meter(List<Long> pids, int expected, List<Long> botPids) {
    this.pids = List.copyOf(pids);
    this.botPids = List.copyOf(botPids);
    this.expected = expected;
  }

  synchronized void begin() {
    if (++begun == expected) {
      start = take(pids, botPids);
    }
  }

  synchronized void end() {
    if (start != null && stop == null) {
      stop = take(pids, botPids);
    }
  }

  /** True once a whole window was read. */
  synchronized boolean done() {
    return start != null && stop != null;
  }

  synchronized double windowS() {
    return (stop.wallNanos() - start.wallNanos()) / 1e9;
  }

  synchronized double serverCpuS() {
    return (stop.serverTicks() - start.serverTicks()) / (double) CLK_TCK;
  }

  synchronized double botsCpuS() {
    return botPids.isEmpty() ? (stop.selfNanos() - start.selfNanos()) / 1e9
        : (stop.botTicks() - start.botTicks()) / (double) CLK_TCK;
  }

  static Snap take(List<Long> pids) {
    return take(pids, List.of());
  }

  static Snap take(List<Long> pids, List<Long> botPids) {
    return new Snap(System.nanoTime(), ticks(pids), selfNanos(), ticks(botPids));
  }

  private static long ticks(List<Long> pids) {
    long ticks = 0;
    for (long pid : pids) {
      ticks += procTicks(pid);
    }
    return ticks;
  }

  /** utime + stime of {@code pid} in clock ticks; 0 when it is gone or unreadable. */
  static long procTicks(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
      // The command name (field 2) may hold spaces: count fields after its closing ')'.
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
      return Long.parseLong(f[11]) + Long.parseLong(f[12]); // fields 14 and 15 of stat
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  /** This JVM's CPU time in ns (all threads: the players, GC, JIT). */
  static long selfNanos() {
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime();
    }
    return 0;
  }

  private static long clockTicks() {
    try {
      Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes()).trim();
      p.waitFor();
      long v = Long.parseLong(out);
      return v > 0 ? v : 100;
    } catch (Exception e) {
      return 100;
    }
  }
}

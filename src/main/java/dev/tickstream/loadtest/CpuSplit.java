package dev.tickstream.loadtest;

import java.io.BufferedReader;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Whose CPU was it. The server's figure is its process CPU time from {@code /metrics}
 * ({@code process_cpu_time_ns_total}); the bots' is this JVM's process CPU time. When the
 * server runs in this JVM too, the bots' figure is the CPU time of their own event-loop
 * threads and the server's is the process's less that, so GC and JIT land on the server's
 * side (the honest direction for a capacity claim: the server is charged more, not less).
 */
final class CpuSplit {
  private final boolean sameJvm;
  private final List<Thread> botThreads;
  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

  CpuSplit(boolean sameJvm, List<Thread> botThreads) {
    this.sameJvm = sameJvm;
    this.botThreads = List.copyOf(botThreads);
  }

  /** CPU time in ns of the bots so far. */
  double botsNanos() {
    if (!sameJvm) {
      return processNanos();
    }
    double sum = 0;
    for (Thread t : botThreads) {
      long ns = threads.getThreadCpuTime(t.getId());
      sum += Math.max(0, ns);
    }
    return sum;
  }

  /** CPU time in ns of the server so far, from a scrape of its metrics (NaN if absent). */
  double serverNanos(ServerMetrics m, double botsNanos) {
    return sameJvm ? m.cpuNanos() - botsNanos : m.cpuNanos();
  }

  /**
   * This machine's busy CPU since the previous call, in percent of one core (all processes:
   * beside server and bots it shows what else ran, e.g. other builds on a shared machine).
   */
  static double machinePct() {
    // Our own /proc/stat deltas: the MXBean's getCpuLoad() measures since *anyone's* last call,
    // and a server in this JVM calls it on every /metrics scrape, just before we would.
    if (Files.isReadable(PROC_STAT)) {
      return MACHINE.sample(); // NaN on the first call: no interval yet
    }
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      double load = os.getCpuLoad();
      return load < 0 ? Double.NaN : load * Runtime.getRuntime().availableProcessors() * 100;
    }
    return Double.NaN;
  }

  private static final Path PROC_STAT = Path.of("/proc/stat");
  private static final ProcStat MACHINE = new ProcStat();

  /** Busy and total jiffies from the first line of /proc/stat, differenced per call. */
  private static final class ProcStat {
    private long busy = -1;
    private long total = -1;

    synchronized double sample() {
      long[] f;
      // Only the first line: the rest (per-CPU lines, the long interrupt counts) is not needed.
      try (BufferedReader in = Files.newBufferedReader(PROC_STAT)) {
        String[] cpu = in.readLine().trim().split("\\s+");
        f = new long[cpu.length - 1];
        for (int i = 1; i < cpu.length; i++) {
          f[i - 1] = Long.parseLong(cpu[i]);
        }
      } catch (IOException | RuntimeException e) {
        return Double.NaN;
      }
      long t = 0;
      for (int i = 0; i < Math.min(f.length, 8); i++) {
        t += f[i]; // user nice system idle iowait irq softirq steal (guest is inside user)
      }
      long b = t - f[3] - (f.length > 4 ? f[4] : 0);
      double pct = Double.NaN;
      if (total >= 0 && t > total) {
        pct = 100.0 * (b - busy) / (t - total) * Runtime.getRuntime().availableProcessors();
      }
      busy = b;
      total = t;
      return pct;
    }
  }

  static double processNanos() {
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime();
    }
    return Double.NaN;
  }
}

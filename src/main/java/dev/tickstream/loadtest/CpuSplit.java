package dev.tickstream.loadtest;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
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
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      double load = os.getCpuLoad();
      return load < 0 ? Double.NaN : load * Runtime.getRuntime().availableProcessors() * 100;
    }
    return Double.NaN;
  }

  static double processNanos() {
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime();
    }
    return Double.NaN;
  }
}

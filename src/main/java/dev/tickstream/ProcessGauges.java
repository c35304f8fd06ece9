package dev.tickstream;

import com.sun.management.GarbageCollectionNotificationInfo;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * What a long run watches for leaks beside Micrometer's JVM families: the heap in use right
 * after each collection (the live set plus what survived: its slope is the leak, where the heap
 * in use saws with allocation), open file descriptors, and the process's resident memory (the
 * JVM's heap, its native memory and Netty's direct buffers together).
 */
final class ProcessGauges {
  private static final Path STATUS = Path.of("/proc/self/status");

  private ProcessGauges() {}

  static void bindTo(MeterRegistry registry) {
    new FileDescriptorMetrics().bindTo(registry);
    AtomicLong afterGc = new AtomicLong(-1);
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      if (gc instanceof NotificationEmitter emitter) {
        emitter.addNotificationListener((n, handback) -> {
          if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION
              .equals(n.getType())) {
            var info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
            long used = 0;
            for (MemoryUsage u : info.getGcInfo().getMemoryUsageAfterGc().values()) {
              used += u.getUsed();
            }
            // Non-heap pools (metaspace, code cache) are in the map too; they change slowly
            // and a leak there matters as much, so the sum is kept whole.
            afterGc.set(used);
          }
        }, null, null);
      }
    }
    Gauge.builder("tickstream.heap.after.gc", afterGc, a -> a.get() < 0 ? Double.NaN : a.get())
        .baseUnit("bytes")
        .description("Memory in use right after the latest garbage collection (all pools)")
        .register(registry);
    if (Files.isReadable(STATUS)) {
      Gauge.builder("process.resident.memory", ProcessGauges::residentBytes).baseUnit("bytes")
          .description("Resident set size of the process (Linux /proc/self/status VmRSS)")
          .register(registry);
    }
  }

  private static double residentBytes() {
    try {
      for (String line : Files.readAllLines(STATUS)) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024.0;
        }
      }
    } catch (IOException | NumberFormatException e) {
      return Double.NaN;
    }
    return Double.NaN;
  }
}

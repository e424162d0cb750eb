package dev.verodestination.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;

/**
 * CPU time a function spends, told apart from the stand-ins and ElasticMQ that share its JVM here:
 * the calling thread, the JDK HTTP client's threads, deliver's group threads, and the collector's
 * pauses (a Lambda function under 1,792 MB runs the serial collector, so a pause is CPU time).
 * Counted per thread since a snapshot, so that a pool thread ending on its own takes nothing away.
 */
final class FunctionCpu {

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private final Map<Long, Long> threadNanos;
  private final long gcMillis;

  private FunctionCpu(Map<Long, Long> threadNanos, long gcMillis) {
    this.threadNanos = threadNanos;
    this.gcMillis = gcMillis;
  }

  static FunctionCpu snapshot() {
    Map<Long, Long> nanos = new HashMap<>();
    for (ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
      if (info != null && isFunctionThread(info.getThreadName())) {
        nanos.put(info.getThreadId(), Math.max(THREADS.getThreadCpuTime(info.getThreadId()), 0));
      }
    }
    return new FunctionCpu(nanos, gcMillis());
  }

  long nanosSince(FunctionCpu earlier) {
    long sum = 0;
    for (Map.Entry<Long, Long> thread : threadNanos.entrySet()) {
      sum += Math.max(0, thread.getValue() - earlier.threadNanos.getOrDefault(thread.getKey(), 0L));
    }
    return sum + (gcMillis - earlier.gcMillis) * 1_000_000;
  }

  private static long gcMillis() {
    long millis = 0;
    for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
      millis += Math.max(collector.getCollectionTime(), 0);
    }
    return millis;
  }

  private static boolean isFunctionThread(String name) {
    return name.equals("main") || name.startsWith("HttpClient-") || name.equals("deliver-group");
  }
}

package io.parley.bench.relay;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Map;
import java.util.TreeMap;

/**
 * CPU time spent by this JVM's threads, grouped by role (relay event loops, store, load
 * clients, the rest), between two snapshots. Lets the load tool report CPU per message, which
 * stays meaningful when other processes share the machine, and how much of it the kernel spent
 * on the threads' behalf (socket I/O, loopback delivery, fsync, wake-ups), which no change to
 * the relay's own code removes. Not thread-safe.
 */
final class CpuMeter {
  /** Role of the relay's event loops and handshake threads. */
  static final String RELAY_LOOPS = "relay event loops";
  /** Role of the relay's store threads. */
  static final String RELAY_STORE = "relay store";
  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
  private final Map<Long, Long> startNanos = new TreeMap<>();
  private final Map<Long, Long> startUserNanos = new TreeMap<>();
  private final Map<Long, String> names = new TreeMap<>();
  private final Map<String, Long> kernelByRole = new TreeMap<>();

  CpuMeter() {
    if (threads.isThreadCpuTimeSupported() && !threads.isThreadCpuTimeEnabled()) {
      threads.setThreadCpuTimeEnabled(true);
    }
  }

  void start() {
    startNanos.clear();
    startUserNanos.clear();
    for (long id : threads.getAllThreadIds()) {
      startNanos.put(id, Math.max(0, threads.getThreadCpuTime(id)));
      startUserNanos.put(id, Math.max(0, threads.getThreadUserTime(id)));
    }
  }

  /** CPU nanoseconds per role since {@link #start()} (threads that ended are not counted). */
  Map<String, Long> stop() {
    Map<String, Long> byRole = new TreeMap<>();
    kernelByRole.clear();
    for (long id : threads.getAllThreadIds()) {
      long now = threads.getThreadCpuTime(id);
      long user = threads.getThreadUserTime(id);
      ThreadInfo info = threads.getThreadInfo(id);
      if (now < 0 || user < 0 || info == null) {
        continue;
      }
      names.put(id, info.getThreadName());
      String role = role(info.getThreadName());
      long cpu = now - startNanos.getOrDefault(id, 0L);
      byRole.merge(role, cpu, Long::sum);
      kernelByRole.merge(role, cpu - (user - startUserNanos.getOrDefault(id, 0L)), Long::sum);
    }
    return byRole;
  }

  /**
   * Of what the last {@link #stop()} returned, the part spent in the kernel, per role. The JVM
   * reads a thread's user time from the kernel's clock-tick accounting (10 ms steps), so over a
   * run of seconds this is right to a fraction of a percent, not per message.
   */
  Map<String, Long> kernelNanosByRole() {
    return kernelByRole;
  }

  static String role(String threadName) {
    if (threadName.startsWith("relay-")) {
      return RELAY_LOOPS;
    }
    if (threadName.startsWith("parley-store")) {
      return RELAY_STORE;
    }
    if (threadName.startsWith("load-")) {
      return "load clients";
    }
    return "other";
  }
}

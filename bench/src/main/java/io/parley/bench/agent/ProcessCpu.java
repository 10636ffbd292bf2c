package io.parley.bench.agent;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;

/**
 * CPU time of this JVM, every thread together. A figure per message is steadier than a rate on
 * a shared machine: other processes slow the run down but do not add to this process's CPU.
 */
final class ProcessCpu {
  private ProcessCpu() {}

  /** CPU used by this process so far, or -1 where the platform does not tell. UNIT: nanoseconds. */
  static long nanos() {
    OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
      return sun.getProcessCpuTime();
    }
    return -1;
  }
}

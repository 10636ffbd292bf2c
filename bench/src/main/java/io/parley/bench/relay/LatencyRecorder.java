package io.parley.bench.relay;

import java.util.Arrays;

/**
 * Collects latencies in microseconds for percentiles. One per recipient thread (not
 * thread-safe); merged at the end. Grows as needed: 8 bytes per sample.
 */
final class LatencyRecorder {
  private long[] micros = new long[1 << 16];
  private int count;

  void record(long latencyNanos) {
    if (count == micros.length) {
      micros = Arrays.copyOf(micros, count * 2);
    }
    micros[count++] = latencyNanos / 1_000;
  }

  int count() {
    return count;
  }

  static long[] merged(Iterable<LatencyRecorder> recorders) {
    int total = 0;
    for (LatencyRecorder r : recorders) {
      total += r.count;
    }
    long[] all = new long[total];
    int at = 0;
    for (LatencyRecorder r : recorders) {
      System.arraycopy(r.micros, 0, all, at, r.count);
      at += r.count;
    }
    Arrays.sort(all);
    return all;
  }

  /** The p-th percentile (0..100) of sorted samples, or 0 if there are none. */
  static long percentile(long[] sorted, double p) {
    if (sorted.length == 0) {
      return 0;
    }
    int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
  }
}

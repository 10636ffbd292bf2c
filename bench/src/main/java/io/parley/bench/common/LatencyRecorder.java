package io.parley.bench.common;

import java.util.Arrays;

/**
 * Collects latencies, one recorder per measuring thread (not thread-safe), merged into
 * {@link Percentiles} at the end. Grows as needed: 8 bytes per sample.
 */
public final class LatencyRecorder {
  private static final int INITIAL_SAMPLES = 1 << 16;
  private long[] nanos = new long[INITIAL_SAMPLES];
  private int count;

  /** Records one latency. UNIT: nanoseconds. */
  public void record(long latencyNanos) {
    if (count == nanos.length) {
      nanos = Arrays.copyOf(nanos, count * 2);
    }
    nanos[count++] = latencyNanos;
  }

  public int count() {
    return count;
  }

  /** The percentiles of every sample of {@code recorders} together. */
  public static Percentiles merged(Iterable<LatencyRecorder> recorders) {
    int total = 0;
    for (LatencyRecorder r : recorders) {
      total += r.count;
    }
    long[] all = new long[total];
    int at = 0;
    for (LatencyRecorder r : recorders) {
      System.arraycopy(r.nanos, 0, all, at, r.count);
      at += r.count;
    }
    return new Percentiles(all);
  }
}

package io.parley.bench.common;

import java.util.Arrays;

/** Nearest-rank percentiles of a set of durations; all zero when there are none. Immutable. */
public final class Percentiles {
  private static final double NANOS_PER_MILLI = 1_000_000.0;
  private static final long NANOS_PER_MICRO = 1_000;
  private final long[] sortedNanos;

  public Percentiles(long[] nanos) {
    sortedNanos = nanos.clone();
    Arrays.sort(sortedNanos);
  }

  /** The {@code p}-th percentile (0 < p <= 100). UNIT: nanoseconds. */
  public long nanos(double p) {
    if (sortedNanos.length == 0) {
      return 0;
    }
    int rank = (int) Math.ceil(p / 100.0 * sortedNanos.length);
    return sortedNanos[Math.max(0, Math.min(sortedNanos.length, rank) - 1)];
  }

  /** The {@code p}-th percentile. UNIT: milliseconds. */
  public double millis(double p) {
    return nanos(p) / NANOS_PER_MILLI;
  }

  /** The {@code p}-th percentile, truncated. UNIT: microseconds. */
  public long micros(double p) {
    return nanos(p) / NANOS_PER_MICRO;
  }

  /** UNIT: milliseconds. */
  public double maxMillis() {
    return millis(100);
  }

  public int count() {
    return sortedNanos.length;
  }
}

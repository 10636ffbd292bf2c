package io.parley.bench.agent;

import java.util.Arrays;

/** Nearest-rank percentiles of a set of durations. Immutable. */
final class Percentiles {
  private static final double NANOS_PER_MILLI = 1_000_000.0;
  private final long[] sortedNanos;

  Percentiles(long[] nanos) {
    if (nanos.length == 0) {
      throw new IllegalArgumentException("no samples");
    }
    sortedNanos = nanos.clone();
    Arrays.sort(sortedNanos);
  }

  /** The {@code p}-th percentile (0 < p <= 100) in milliseconds. */
  double millis(double p) {
    int rank = (int) Math.ceil(p / 100.0 * sortedNanos.length);
    return sortedNanos[Math.max(0, rank - 1)] / NANOS_PER_MILLI;
  }

  double maxMillis() {
    return sortedNanos[sortedNanos.length - 1] / NANOS_PER_MILLI;
  }

  int count() {
    return sortedNanos.length;
  }
}

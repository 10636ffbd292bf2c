package io.parley.bench.api;

import java.util.Arrays;

/** Nearest-rank percentiles of durations. Immutable. */
final class Samples {
  private static final double NANOS_PER_MILLI = 1_000_000.0;
  private final long[] sorted;

  Samples(long[] nanos) {
    if (nanos.length == 0) {
      throw new IllegalArgumentException("no samples");
    }
    sorted = nanos.clone();
    Arrays.sort(sorted);
  }

  /** The {@code p}-th percentile (0 < p <= 100). UNIT: milliseconds. */
  double millis(double p) {
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, rank - 1)] / NANOS_PER_MILLI;
  }

  /** UNIT: milliseconds. */
  double maxMillis() {
    return sorted[sorted.length - 1] / NANOS_PER_MILLI;
  }

  int count() {
    return sorted.length;
  }
}

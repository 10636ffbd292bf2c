package io.parley.daemon.client;

import java.util.random.RandomGenerator;

/**
 * Capped exponential back-off with jitter: the n-th delay (from 0) is drawn uniformly from
 * {@code [d/2, d]} where {@code d = min(max, min * 2^n)}, so many clients of one relay that went
 * down together do not come back in lock step. Not thread-safe: one owner (an event loop).
 */
final class Backoff {
  /** Doubling stops here; {@code 2^30} times any positive minimum already exceeds any cap. */
  private static final int MAX_DOUBLINGS = 30;

  private final long minMillis;
  private final long maxMillis;
  private final RandomGenerator random;
  private int failures;

  Backoff(long minMillis, long maxMillis, RandomGenerator random) {
    if (minMillis <= 0 || maxMillis < minMillis) {
      throw new IllegalArgumentException("bad back-off bounds");
    }
    this.minMillis = minMillis;
    this.maxMillis = maxMillis;
    this.random = random;
  }

  /** The delay before the next attempt, in milliseconds; each call counts one more failure. */
  long nextDelayMillis() {
    int doublings = Math.min(failures, MAX_DOUBLINGS);
    failures++;
    long ceiling = Math.min(maxMillis, minMillis << doublings);
    if (ceiling < 0) {
      ceiling = maxMillis;
    }
    long floor = ceiling / 2;
    return floor + random.nextLong(ceiling - floor + 1);
  }

  /** A session came up: the next failure starts again from the minimum. */
  void reset() {
    failures = 0;
  }
}

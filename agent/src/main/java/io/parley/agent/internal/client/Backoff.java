package io.parley.agent.internal.client;

import java.util.random.RandomGenerator;

/**
 * Capped exponential back-off with jitter: the n-th delay (from 0) is drawn uniformly from
 * {@code [max(1, d/2), d]} where {@code d = min(max, min * 2^n)}, so many clients of one relay
 * that went down together do not come back in lock step. Not thread-safe: one owner (an event
 * loop).
 */
final class Backoff {
  /** Doublings counted at most; keeps the shift below the width of a long. */
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
    // Compared before shifting, so the doubling can never overflow.
    long ceiling = minMillis > (maxMillis >> doublings) ? maxMillis : minMillis << doublings;
    long floor = Math.max(1, ceiling / 2);
    return floor + random.nextLong(ceiling - floor + 1);
  }

  /** A session came up: the next failure starts again from the minimum. */
  void reset() {
    failures = 0;
  }
}

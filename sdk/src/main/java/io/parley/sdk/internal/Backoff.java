package io.parley.sdk.internal;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Capped exponential backoff with jitter: the n-th consecutive failure waits between half and
 * all of {@code min * 2^n}, at most {@code max}, so many clients of a restarted daemon do not
 * reconnect in lockstep. Not thread-safe. Not part of the SDK's API.
 */
final class Backoff {
  /** Doublings after which the delay is certainly capped (keeps the shift in range). */
  private static final int MAX_DOUBLINGS = 30;

  private final long minMillis;
  private final long maxMillis;
  private int failures;

  /** @param minMillis first delay; @param maxMillis cap. UNIT: milliseconds */
  Backoff(long minMillis, long maxMillis) {
    this.minMillis = minMillis;
    this.maxMillis = maxMillis;
  }

  /** The delay before the next attempt, counting one more failure. UNIT: milliseconds. */
  long next() {
    long base = Math.min(maxMillis, minMillis << Math.min(failures, MAX_DOUBLINGS));
    if (failures < MAX_DOUBLINGS) {
      failures++;
    }
    long half = base / 2;
    return Math.max(minMillis, half + ThreadLocalRandom.current().nextLong(half + 1));
  }

  /** Forgets past failures after a success. */
  void reset() {
    failures = 0;
  }
}

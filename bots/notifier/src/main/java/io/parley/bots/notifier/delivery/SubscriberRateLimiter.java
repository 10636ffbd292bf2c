package io.parley.bots.notifier.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * A token bucket per subscriber: up to {@code burst} messages at once, then one more every
 * {@code refillEvery}. It only paces: what it does not allow now is held by the caller and sent
 * later, never dropped. State is in memory only: a restart gives everyone a full allowance.
 * Thread-safe; memory is one entry per subscriber that is not at full allowance.
 */
public final class SubscriberRateLimiter {
  private final int burst;
  private final long refillMillis;
  private final Map<String, Bucket> buckets = new HashMap<>();

  private static final class Bucket {
    double tokens;
    long atMillis;
  }

  /**
   * @param burst messages a subscriber can get at once; at least 1
   * @param refillEvery how long one more message takes to become available; positive
   */
  public SubscriberRateLimiter(int burst, Duration refillEvery) {
    if (burst < 1 || refillEvery.isNegative() || refillEvery.isZero()) {
      throw new IllegalArgumentException("burst >= 1 and a positive refill interval");
    }
    this.burst = burst;
    this.refillMillis = refillEvery.toMillis();
  }

  /** Whether a message may go to {@code subscriber} now. */
  public synchronized boolean allows(String subscriber, Instant now) {
    Bucket b = buckets.get(subscriber);
    if (b == null) {
      return true;
    }
    refill(b, now);
    if (b.tokens >= burst) {
      buckets.remove(subscriber);
      return true;
    }
    return b.tokens >= 1;
  }

  /** Takes one message from the allowance. */
  public synchronized void consume(String subscriber, Instant now) {
    Bucket b = buckets.computeIfAbsent(subscriber, k -> {
      Bucket fresh = new Bucket();
      fresh.tokens = burst;
      fresh.atMillis = now.toEpochMilli();
      return fresh;
    });
    refill(b, now);
    b.tokens = Math.max(0, b.tokens - 1);
  }

  private void refill(Bucket b, Instant now) {
    long elapsed = now.toEpochMilli() - b.atMillis;
    if (elapsed > 0) {
      b.tokens = Math.min(burst, b.tokens + (double) elapsed / refillMillis);
      b.atMillis = now.toEpochMilli();
    }
  }
}

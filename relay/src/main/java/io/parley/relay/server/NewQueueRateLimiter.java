package io.parley.relay.server;

import java.util.concurrent.TimeUnit;

/**
 * Token bucket bounding how many queues one connection may create: up to {@code perMinute} at
 * once, refilled at {@code perMinute} per minute. Stops a single connection from filling the
 * relay's memory with queues. Confined to the connection's event loop.
 */
final class NewQueueRateLimiter {
  private static final long NANOS_PER_MINUTE = TimeUnit.MINUTES.toNanos(1);

  private final long perMinute;
  private long tokensTimesMinute;
  private long lastNanos;

  NewQueueRateLimiter(int perMinute, long nowNanos) {
    this.perMinute = perMinute;
    this.tokensTimesMinute = perMinute * NANOS_PER_MINUTE;
    this.lastNanos = nowNanos;
  }

  /** Takes one token if available. */
  boolean tryAcquire(long nowNanos) {
    long capacity = perMinute * NANOS_PER_MINUTE;
    long elapsed = Math.max(0, nowNanos - lastNanos);
    lastNanos = nowNanos;
    // Tokens are kept scaled by a minute in nanoseconds so refill needs no division.
    long refill = elapsed >= NANOS_PER_MINUTE ? capacity : elapsed * perMinute;
    tokensTimesMinute = Math.min(capacity, tokensTimesMinute + refill);
    if (tokensTimesMinute < NANOS_PER_MINUTE) {
      return false;
    }
    tokensTimesMinute -= NANOS_PER_MINUTE;
    return true;
  }
}

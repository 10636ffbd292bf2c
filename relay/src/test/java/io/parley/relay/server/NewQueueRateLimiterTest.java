package io.parley.relay.server;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class NewQueueRateLimiterTest {
  private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

  @Test
  void allowsABurstOfTheLimitThenRefillsAtTheLimitPerMinute() {
    long t = 1_000 * SECOND;
    NewQueueRateLimiter limiter = new NewQueueRateLimiter(60, t);
    for (int i = 0; i < 60; i++) {
      assertTrue(limiter.tryAcquire(t), "burst " + i);
    }
    assertFalse(limiter.tryAcquire(t));
    assertFalse(limiter.tryAcquire(t + SECOND / 2));
    assertTrue(limiter.tryAcquire(t + SECOND)); // one token per second at 60 per minute
    assertFalse(limiter.tryAcquire(t + SECOND));
  }

  @Test
  void neverHoldsMoreThanTheLimitAfterALongPause() {
    long t = 0;
    NewQueueRateLimiter limiter = new NewQueueRateLimiter(5, t);
    t += TimeUnit.HOURS.toNanos(10);
    for (int i = 0; i < 5; i++) {
      assertTrue(limiter.tryAcquire(t));
    }
    assertFalse(limiter.tryAcquire(t));
  }

  @Test
  void aClockThatGoesBackwardsGrantsNothingExtra() {
    NewQueueRateLimiter limiter = new NewQueueRateLimiter(1, 10 * SECOND);
    assertTrue(limiter.tryAcquire(10 * SECOND));
    assertFalse(limiter.tryAcquire(5 * SECOND));
  }
}

package io.parley.agent.internal.client;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BackoffTest {
  @Test
  void delaysDoubleWithinTheirJitterBandUntilTheCap() {
    Backoff b = new Backoff(100, 1_000, new Random(1));
    long[] ceilings = {100, 200, 400, 800, 1_000, 1_000, 1_000};
    for (long ceiling : ceilings) {
      long d = b.nextDelayMillis();
      assertTrue(d >= ceiling / 2 && d <= ceiling, d + " outside [" + ceiling / 2 + ", "
          + ceiling + "]");
    }
  }

  @Test
  void manyFailuresNeverOverflowPastTheCap() {
    Backoff b = new Backoff(1, Long.MAX_VALUE / 4, new Random(2));
    for (int i = 0; i < 200; i++) {
      long d = b.nextDelayMillis();
      assertTrue(d > 0 && d <= Long.MAX_VALUE / 4, "delay " + d + " at failure " + i);
    }
  }

  @Test
  void resetStartsAgainFromTheMinimum() {
    Backoff b = new Backoff(100, 60_000, new Random(3));
    for (int i = 0; i < 10; i++) {
      b.nextDelayMillis();
    }
    b.reset();
    long d = b.nextDelayMillis();
    assertTrue(d >= 50 && d <= 100, "first delay after reset was " + d);
  }

  @Test
  void jitterSpreadsDelaysOfOneStep() {
    Random r = new Random(4);
    Set<Long> seen = new HashSet<>();
    for (int i = 0; i < 50; i++) {
      seen.add(new Backoff(1_000, 1_000, r).nextDelayMillis());
    }
    assertTrue(seen.size() > 10, "only " + seen.size() + " distinct delays");
  }
}

package io.parley.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SettableClockTest {
  @Test
  void theClockReadsWhatItWasSetToAndMovesOnlyByHand() {
    SettableClock clock = SettableClock.atMillis(1_000);
    assertEquals(1_000, clock.millis());
    clock.advance(Duration.ofSeconds(2));
    assertEquals(Instant.ofEpochMilli(3_000), clock.instant());
    clock.setMillis(10);
    assertEquals(10, clock.millis());
    clock.set(Instant.EPOCH);
    assertEquals(0, clock.millis());
  }
}

package io.parley.daemon.api.events;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.daemon.api.http.ApiException;
import org.junit.jupiter.api.Test;

class StreamLimiterTest {
  @Test
  void oneProfileHoldsAtMostHalfTheSlotsSoAnotherStillGetsIn() throws Exception {
    StreamLimiter limiter = new StreamLimiter(4);
    limiter.acquire("bot");
    limiter.acquire("bot");
    ApiException e = assertThrows(ApiException.class, () -> limiter.acquire("bot"));
    assertEquals(429, e.status());
    assertThrows(ApiException.class, () -> limiter.checkRoom("bot"));
    assertDoesNotThrow(() -> limiter.checkRoom("default"));
    assertTrue(limiter.tryAcquire("default"));
    assertEquals(3, limiter.open(), "a refusal takes no slot");
  }

  @Test
  void theTotalCapHoldsAcrossProfilesAndAReleaseFreesTheSlotItsProfileHeld() throws Exception {
    StreamLimiter limiter = new StreamLimiter(4);
    limiter.acquire("a");
    limiter.acquire("a");
    limiter.acquire("b");
    limiter.acquire("c");
    assertFalse(limiter.tryAcquire("d"), "every slot is taken");
    assertThrows(ApiException.class, () -> limiter.checkRoom("d"));
    limiter.release("a");
    assertTrue(limiter.tryAcquire("d"));
    assertFalse(limiter.tryAcquire("a"), "the total is full again");
    limiter.release("b");
    assertTrue(limiter.tryAcquire("a"), "a is back under its share");
    assertFalse(limiter.tryAcquire("a"), "and at its share again");
    assertEquals(4, limiter.open());
  }

  @Test
  void aLimitOfOneStillLetsOneReaderIn() {
    StreamLimiter limiter = new StreamLimiter(1);
    assertTrue(limiter.tryAcquire("only"));
    assertFalse(limiter.tryAcquire("other"));
  }
}

package io.parley.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AwaitTest {
  private static final Duration SHORT = Duration.ofMillis(200);

  @Test
  void untilReturnsOnceAConditionThatThrewAtFirstHolds() {
    AtomicInteger probes = new AtomicInteger();
    Await.until("the third probe", () -> {
      if (probes.incrementAndGet() < 3) {
        throw new IOException("not yet");
      }
      return true;
    });
    assertEquals(3, probes.get());
  }

  @Test
  void aConditionThatNeverHoldsFailsTheTestNamingWhatItWaitedFor() {
    AssertionError e = assertThrows(AssertionError.class,
        () -> Await.until("pigs fly", SHORT, () -> false));
    assertTrue(e.getMessage().contains("pigs fly"), e.getMessage());
  }

  @Test
  void aTimedOutValueReportsTheLastValueAndTheProbesLastFailure() {
    AtomicInteger n = new AtomicInteger();
    IOException boom = new IOException("boom");
    AssertionError e = assertThrows(AssertionError.class, () -> Await.value("an even value",
        SHORT, () -> {
          if (n.incrementAndGet() > 1) {
            throw boom;
          }
          return 1;
        }, v -> v % 2 == 0));
    assertTrue(e.getMessage().contains("last value: 1"), e.getMessage());
    assertSame(boom, e.getCause());
  }

  @Test
  void valueReturnsTheFirstAcceptedProbe() {
    AtomicInteger n = new AtomicInteger();
    assertEquals(4, Await.value("four", n::incrementAndGet, v -> v >= 4));
  }

  @Test
  void resultRethrowsTheFuturesOwnExceptionUnwrapped() {
    IOException boom = new IOException("boom");
    assertSame(boom, assertThrows(IOException.class,
        () -> Await.result(CompletableFuture.failedFuture(boom))));
  }

  @Test
  void aFutureThatNeverCompletesFailsTheTestAtTheDeadline() {
    assertThrows(AssertionError.class, () -> Await.result(new CompletableFuture<>(), SHORT));
  }

  @Test
  void failureReturnsTheCauseAndFailsWhenTheFutureSucceeds() {
    IllegalStateException boom = new IllegalStateException();
    assertSame(boom, Await.failure(CompletableFuture.failedFuture(boom)));
    assertThrows(AssertionError.class,
        () -> Await.failure(CompletableFuture.completedFuture("fine")));
  }

  @Test
  void aLatchThatStaysClosedFailsTheTest() {
    assertThrows(AssertionError.class,
        () -> Await.latch("never", SHORT, new CountDownLatch(1)));
    Await.latch("open", SHORT, new CountDownLatch(0));
  }
}

package io.parley.bots.notifier.testing;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Waits for a condition with a deadline, polling; fails the test with what it waited for. */
public final class Eventually {
  /** Default deadline. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(20);
  private static final long POLL_MILLIS = 25;

  private Eventually() {}

  /** Polls {@code value} until {@code done} holds for it, and returns it. */
  public static <T> T until(Supplier<T> value, Predicate<T> done, String what) {
    long deadline = System.nanoTime() + DEFAULT_TIMEOUT.toNanos();
    T last = null;
    while (System.nanoTime() < deadline) {
      last = value.get();
      if (done.test(last)) {
        return last;
      }
      try {
        Thread.sleep(POLL_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting for " + what, e);
      }
    }
    throw new AssertionError("timed out waiting for " + what + "; last value: " + last);
  }
}

package io.parley.sdk.testing;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Predicate;

/** Polls a condition until it holds or a deadline passes, for tests. Stateless. */
public final class Eventually {
  /** Default deadline. */
  public static final Duration TIMEOUT = Duration.ofSeconds(30);
  /** Pause between polls. UNIT: milliseconds. */
  private static final long POLL_MILLIS = 20;
  private static final Object PAUSE = new Object();

  private Eventually() {}

  /** Returns the first value of {@code probe} that satisfies {@code ok}. */
  public static <T> T until(Callable<T> probe, Predicate<T> ok, String what) throws Exception {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    T last = null;
    Exception lastError = null;
    while (System.nanoTime() < deadline) {
      try {
        last = probe.call();
        if (ok.test(last)) {
          return last;
        }
      } catch (Exception e) {
        lastError = e;
      }
      synchronized (PAUSE) {
        PAUSE.wait(POLL_MILLIS);
      }
    }
    AssertionError failure = new AssertionError("timed out waiting for " + what
        + "; last value: " + last);
    if (lastError != null) {
      failure.initCause(lastError);
    }
    throw failure;
  }

  /** Waits until {@code condition} is true. */
  public static void until(Callable<Boolean> condition, String what) throws Exception {
    until(condition, Boolean.TRUE::equals, what);
  }
}

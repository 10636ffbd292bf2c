package io.parley.daemon.api;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Predicate;

/** Polls a condition until it holds or a deadline passes; for tests. Stateless. */
final class Eventually {
  /** Default deadline. */
  static final Duration TIMEOUT = Duration.ofSeconds(30);
  /** Pause between polls. UNIT: milliseconds. */
  private static final long POLL_MILLIS = 20;

  private Eventually() {}

  /** Returns the first value of {@code probe} that satisfies {@code ok}. */
  static <T> T until(Callable<T> probe, Predicate<T> ok, String what) throws Exception {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    T last = null;
    while (System.nanoTime() < deadline) {
      last = probe.call();
      if (ok.test(last)) {
        return last;
      }
      synchronized (Eventually.class) {
        Eventually.class.wait(POLL_MILLIS);
      }
    }
    throw new AssertionError("timed out waiting for " + what + "; last value: " + last);
  }
}

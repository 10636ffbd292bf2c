package io.parley.agent.internal.client;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/** Waits on conditions and futures with a deadline, never a fixed sleep. */
final class Await {
  /** Generous for loopback work on a loaded 2-core machine. */
  static final Duration DEADLINE = Duration.ofSeconds(15);
  private static final long POLL_MILLIS = 5;

  private Await() {}

  static void until(String what, BooleanSupplier condition) {
    until(what, DEADLINE, condition);
  }

  static void until(String what, Duration deadline, BooleanSupplier condition) {
    long end = System.nanoTime() + deadline.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        fail("timed out after " + deadline + " waiting for: " + what);
      }
      try {
        // Polls a condition; it synchronises nothing.
        TimeUnit.MILLISECONDS.sleep(POLL_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        fail("interrupted waiting for: " + what);
      }
    }
  }

  /** The future's value, failing the test if it fails or does not complete in time. */
  static <T> T result(CompletableFuture<T> f) {
    try {
      return f.get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new AssertionError("future failed", e.getCause());
    } catch (TimeoutException e) {
      throw new AssertionError("future did not complete within " + DEADLINE);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted");
    }
  }

  /** The exception the future failed with, failing the test if it succeeds or hangs. */
  static Throwable failure(CompletableFuture<?> f) {
    try {
      Object v = f.get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
      throw new AssertionError("expected failure, got " + v);
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (TimeoutException e) {
      throw new AssertionError("future did not complete within " + DEADLINE);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted");
    }
  }
}

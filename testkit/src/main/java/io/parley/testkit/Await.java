package io.parley.testkit;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * Waits with a deadline for a condition, a probed value, a future or a latch; never a bare sleep
 * as synchronisation. A timeout fails the test with what it waited for and what it last saw.
 */
public final class Await {
  /** Pause between two probes of a condition. UNIT: milliseconds. */
  private static final long POLL_MILLIS = 10;

  private Await() {}

  /** A condition to poll; it may throw while the system under test is still getting there. */
  @FunctionalInterface
  public interface Condition {
    boolean holds() throws Exception;
  }

  /** Waits up to {@link Deadline#DEFAULT_TIMEOUT} until {@code condition} holds. */
  public static void until(String what, Condition condition) {
    until(what, Deadline.DEFAULT_TIMEOUT, condition);
  }

  /** Waits up to {@code timeout} until {@code condition} holds. */
  public static void until(String what, Duration timeout, Condition condition) {
    value(what, timeout, condition::holds, Boolean.TRUE::equals);
  }

  /** The first value of {@code probe} that {@code ok} accepts, waiting the default deadline. */
  public static <T> T value(String what, Callable<T> probe, Predicate<? super T> ok) {
    return value(what, Deadline.DEFAULT_TIMEOUT, probe, ok);
  }

  /**
   * The first value of {@code probe} that {@code ok} accepts, probing until {@code timeout}. A
   * probe that throws is tried again; on the deadline its last failure is the cause.
   */
  public static <T> T value(String what, Duration timeout, Callable<T> probe,
      Predicate<? super T> ok) {
    Deadline deadline = Deadline.after(timeout);
    T last = null;
    Exception lastError = null;
    while (true) {
      try {
        last = probe.call();
        if (ok.test(last)) {
          return last;
        }
        lastError = null;
      } catch (Exception e) {
        lastError = e;
      }
      if (deadline.passed()) {
        AssertionError failure = new AssertionError("timed out after " + timeout
            + " waiting until " + what + "; last value: " + last);
        if (lastError != null) {
          failure.initCause(lastError);
        }
        throw failure;
      }
      pause(what);
    }
  }

  /**
   * The future's value, waiting the default deadline. A future that failed throws its own
   * exception unwrapped, so a test asserts on it as the caller would see it.
   */
  public static <T> T result(Future<T> future) throws Exception {
    return result(future, Deadline.DEFAULT_TIMEOUT);
  }

  /** Like {@link #result(Future)} with {@code timeout}. */
  public static <T> T result(Future<T> future, Duration timeout) throws Exception {
    try {
      return future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof Exception cause) {
        throw cause;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw e;
    } catch (TimeoutException e) {
      throw new AssertionError("future did not complete within " + timeout);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted waiting for a future");
    }
  }

  /** The exception the future failed with; fails the test if it succeeds or hangs. */
  public static Throwable failure(Future<?> future) {
    return failure(future, Deadline.DEFAULT_TIMEOUT);
  }

  /** Like {@link #failure(Future)} with {@code timeout}. */
  public static Throwable failure(Future<?> future, Duration timeout) {
    Object value;
    try {
      value = future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (TimeoutException e) {
      throw new AssertionError("future did not complete within " + timeout);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted waiting for a future");
    }
    throw new AssertionError("expected the future to fail, it returned " + value);
  }

  /** Waits the default deadline for {@code latch} to open; fails the test if it does not. */
  public static void latch(String what, CountDownLatch latch) {
    latch(what, Deadline.DEFAULT_TIMEOUT, latch);
  }

  /** Waits up to {@code timeout} for {@code latch} to open. */
  public static void latch(String what, Duration timeout, CountDownLatch latch) {
    try {
      if (!latch.await(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
        throw new AssertionError("timed out after " + timeout + " waiting until " + what);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted waiting until " + what);
    }
  }

  private static void pause(String what) {
    try {
      // Paces the polling of a condition; it synchronises nothing.
      Thread.sleep(POLL_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted waiting until " + what);
    }
  }
}

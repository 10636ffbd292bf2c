package io.parley.relay.server;

/**
 * Counts commands waiting for the store, so a graceful close can let them finish and answer
 * before connections close. Thread-safe.
 */
final class PendingWrites {
  private int pending;

  synchronized void started() {
    pending++;
  }

  synchronized void finished() {
    if (--pending == 0) {
      notifyAll();
    }
  }

  /** Waits until nothing is pending or {@code timeoutMillis} passed; returns whether idle. */
  synchronized boolean awaitIdle(long timeoutMillis) throws InterruptedException {
    long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
    while (pending > 0) {
      long leftMillis = (deadline - System.nanoTime()) / 1_000_000L;
      if (leftMillis <= 0) {
        return false;
      }
      wait(leftMillis);
    }
    return true;
  }
}

package io.parley.sdk.events;

import io.parley.sdk.error.ParleyException;
import java.time.Duration;
import java.util.Optional;

/**
 * A running delivery of events to an {@link EventHandler}, started by
 * {@link io.parley.sdk.ParleyClient#subscribe}. It reconnects by itself until closed or stopped
 * by a failure retrying cannot fix. Thread-safe.
 */
public interface Subscription extends AutoCloseable {
  /** The seq of the last event the handler returned from, or the start cursor before any. */
  long lastSeq();

  /** Whether it is running (not closed and not stopped by a failure). */
  boolean isRunning();

  /** How it reads events now. */
  Transport transport();

  /** The failure that stopped it, if one did. */
  Optional<ParleyException> failure();

  /**
   * Waits until it has stopped.
   *
   * @return true if it stopped within {@code timeout}
   */
  boolean awaitStopped(Duration timeout) throws InterruptedException;

  /**
   * Stops it: the event being handled finishes (and is acknowledged for a named consumer), no
   * further event is handed over, and the connection is closed. Waits up to
   * {@link SubscriptionOptions#DEFAULT_CLOSE_TIMEOUT} for the handler unless called from the
   * handler itself. Idempotent.
   */
  @Override
  void close();
}

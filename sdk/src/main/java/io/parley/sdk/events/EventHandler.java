package io.parley.sdk.events;

import io.parley.sdk.model.Event;

/**
 * Handles one event of a {@link Subscription}. Called on the subscription's own thread, one
 * event at a time in log order; the next event waits until this returns.
 *
 * <p>If it throws a {@link io.parley.sdk.error.ParleyException} that
 * {@linkplain io.parley.sdk.error.ParleyException#isRetryable() is retryable} (the daemon was
 * briefly unavailable), the subscription backs off and gives the same event again. Any other
 * exception goes to {@link SubscriptionListener#onHandlerError} and the event counts as handled.
 */
@FunctionalInterface
public interface EventHandler {
  /** Handles {@code event}. */
  void handle(Event event) throws Exception;
}

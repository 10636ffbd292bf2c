package io.parley.sdk.events;

import io.parley.sdk.error.ParleyException;
import io.parley.sdk.model.Event;

/**
 * Observes a {@link Subscription}'s life: connections, drops, handler failures and the end.
 * Every method has an empty default. Called on the subscription's thread; keep it quick.
 */
public interface SubscriptionListener {
  /**
   * The subscription is reading events again.
   *
   * @param transport {@link Transport#WEBSOCKET} or {@link Transport#LONG_POLL}
   * @param cursor it reads the events after this seq
   */
  default void onConnected(Transport transport, long cursor) {}

  /**
   * Reading stopped for a reason that may pass; it retries after {@code retryInMillis}.
   *
   * @param retryInMillis delay before the next attempt. UNIT: milliseconds
   */
  default void onDisconnected(ParleyException cause, long retryInMillis) {}

  /** The WebSocket upgrade was refused; long-polls are used from now on. */
  default void onFallbackToLongPoll(ParleyException cause) {}

  /** The handler threw for {@code event}; the event counts as handled. */
  default void onHandlerError(Event event, Exception error) {}

  /**
   * The subscription ended: closed ({@code failure} null) or stopped by a failure retrying
   * cannot fix (an unauthorized token, an expired cursor).
   */
  default void onStopped(ParleyException failure) {}
}

package io.parley.sdk.events;

/** How a {@link Subscription} reads the event log. */
public enum Transport {
  /** A WebSocket, falling back to long-polls for good if the upgrade is refused. */
  AUTO,
  /** A WebSocket only; a refused upgrade is retried like any failure. */
  WEBSOCKET,
  /** Long-polls only. */
  LONG_POLL
}

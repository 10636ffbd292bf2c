package io.parley.sdk.bot;

import io.parley.sdk.ParleyClient;
import io.parley.sdk.model.Event;
import io.parley.sdk.model.QueuedMessage;

/**
 * A newly established connection as a {@link ConnectionHandler} sees it, with a way to greet the
 * peer. Valid during the handler call; not thread-safe.
 */
public final class ConnectionContext {
  private final Event event;
  private final ParleyClient client;
  private final Replier replier;

  ConnectionContext(Event event, ParleyClient client, Replier replier) {
    this.event = event;
    this.client = client;
    this.replier = replier;
  }

  /** The new connection's id. */
  public String connectionId() {
    return event.connectionId();
  }

  /** The security code both sides can compare, or null. */
  public String securityCode() {
    return event.string("securityCode");
  }

  /** The {@code connection.established} event. */
  public Event event() {
    return event;
  }

  /** The client, for any other call. */
  public ParleyClient client() {
    return client;
  }

  /** Sends {@code text} to the new peer. */
  public QueuedMessage reply(String text) {
    return replier.send(connectionId(), text);
  }
}

package io.parley.sdk.bot;

import io.parley.sdk.ParleyClient;
import io.parley.sdk.model.Event;
import io.parley.sdk.model.QueuedMessage;

/**
 * A received text as a {@link MessageHandler} sees it: who sent it, the text, the command and
 * its arguments when it is one, and {@link #reply(String)}. Valid during the handler call; not
 * thread-safe. {@link #toString()} leaves the text out.
 */
public final class MessageContext {
  private final Event event;
  private final ParleyClient client;
  private final Replier replier;
  private final String command;
  private final String args;

  MessageContext(Event event, ParleyClient client, Replier replier, String command,
      String args) {
    this.event = event;
    this.client = client;
    this.replier = replier;
    this.command = command;
    this.args = args;
  }

  /** The connection the text came on; replies go back there. */
  public String connectionId() {
    return event.connectionId();
  }

  /** The received message's id. */
  public String messageId() {
    return event.messageId();
  }

  /** The whole text as received. */
  public String text() {
    String t = event.text();
    return t == null ? "" : t;
  }

  /** The command name in lower case with its slash ({@code /help}), or null for plain text. */
  public String command() {
    return command;
  }

  /** What follows the command, trimmed; empty when nothing does or for plain text. */
  public String args() {
    return args;
  }

  /** The {@code message.received} event. */
  public Event event() {
    return event;
  }

  /** The client, for any other call. */
  public ParleyClient client() {
    return client;
  }

  /**
   * Sends {@code text} back to the sender. If this handler call is retried, replies it already
   * queued are not queued again.
   */
  public QueuedMessage reply(String text) {
    return replier.send(connectionId(), text);
  }

  @Override
  public String toString() {
    return "MessageContext[connectionId=" + connectionId() + ", command=" + command + "]";
  }
}

package io.parley.sdk.bot;

/**
 * Handles a new peer: a connection that has just been established (through the contact
 * address or an invitation). Runs on the bot's event thread.
 */
@FunctionalInterface
public interface ConnectionHandler {
  /** Handles one new connection. */
  void handle(ConnectionContext connection) throws Exception;
}

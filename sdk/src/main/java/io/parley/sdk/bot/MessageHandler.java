package io.parley.sdk.bot;

/**
 * Handles a text a peer sent the bot, or one of its commands. Runs on the bot's event thread,
 * one message at a time. Throwing a retryable {@link io.parley.sdk.error.ParleyException}
 * (the daemon was briefly unavailable) makes the bot retry the same message later; replies
 * already queued for it are not sent twice.
 */
@FunctionalInterface
public interface MessageHandler {
  /** Handles one message. */
  void handle(MessageContext message) throws Exception;
}

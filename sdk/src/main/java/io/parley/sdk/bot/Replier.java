package io.parley.sdk.bot;

import io.parley.sdk.ParleyClient;
import io.parley.sdk.model.QueuedMessage;

/**
 * Sends replies for one event with idempotency keys derived from the bot's name, the event's
 * seq and the reply's position, so a retried handler re-sends nothing the daemon already queued.
 * Not thread-safe: one handler call uses it.
 */
final class Replier {
  private final ParleyClient client;
  private final String keyPrefix;
  private int count;

  Replier(ParleyClient client, String botName, long seq) {
    this.client = client;
    this.keyPrefix = "bot." + botName + "." + seq + ".";
  }

  QueuedMessage send(String connectionId, String text) {
    count++;
    return client.send(connectionId, text, keyPrefix + count);
  }
}

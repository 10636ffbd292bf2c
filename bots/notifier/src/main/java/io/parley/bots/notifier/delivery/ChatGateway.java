package io.parley.bots.notifier.delivery;

/**
 * How the bot hands a message to its Parley daemon. The SDK-backed implementation is
 * {@code io.parley.bots.notifier.sdk.SdkChatGateway}; everything else in the bot depends only on
 * this interface. Implementations must be thread-safe.
 */
public interface ChatGateway {
  /**
   * Queues {@code text} for the connection and returns only once the daemon has durably queued
   * it (the API answered 202). A repeated call with the same idempotency key queues nothing new.
   *
   * @param idempotencyKey 1-200 visible ASCII characters, unique per intended message
   * @throws ChatUnavailableException the daemon did not confirm; retry later
   * @throws RecipientGoneException the connection does not exist any more
   * @throws MessageRejectedException the daemon refused this message for good
   */
  void send(String connectionId, String text, String idempotencyKey) throws GatewayException;

  /**
   * Whether the daemon answers and its store works, so that a send can succeed now; for
   * {@code /v1/ready}. May block for a request to the daemon.
   */
  boolean ready();
}

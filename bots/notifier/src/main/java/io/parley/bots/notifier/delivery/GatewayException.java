package io.parley.bots.notifier.delivery;

/**
 * Why a {@link ChatGateway} did not queue a message. The subtypes decide what the dispatcher
 * does: retry later (the alert source gets a 5xx), drop the subscriber, or skip this message.
 */
public abstract sealed class GatewayException extends Exception
    permits ChatUnavailableException, RecipientGoneException, MessageRejectedException {
  private static final long serialVersionUID = 1L;

  protected GatewayException(String message, Throwable cause) {
    super(message, cause);
  }
}

package io.parley.bots.notifier.delivery;

/**
 * The daemon refused this message for a reason a retry will not fix (a 4xx other than 404, for
 * example a connection that is not established): skip it for this subscriber.
 */
public final class MessageRejectedException extends GatewayException {
  private static final long serialVersionUID = 1L;

  public MessageRejectedException(String message, Throwable cause) {
    super(message, cause);
  }
}

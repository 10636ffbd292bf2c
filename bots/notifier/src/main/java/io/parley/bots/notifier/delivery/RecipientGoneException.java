package io.parley.bots.notifier.delivery;

/** The connection no longer exists (deleted by either side): its subscriptions should go. */
public final class RecipientGoneException extends GatewayException {
  private static final long serialVersionUID = 1L;

  public RecipientGoneException(String message, Throwable cause) {
    super(message, cause);
  }
}

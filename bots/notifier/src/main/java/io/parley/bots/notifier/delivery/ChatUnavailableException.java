package io.parley.bots.notifier.delivery;

/**
 * The daemon could not durably queue the message now (down, unreachable, 5xx, 503 when it cannot
 * persist, timeout). Nothing is known to be queued; the same send may be retried later with the
 * same idempotency key.
 */
public final class ChatUnavailableException extends GatewayException {
  private static final long serialVersionUID = 1L;

  public ChatUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}

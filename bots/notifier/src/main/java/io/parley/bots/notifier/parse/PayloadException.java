package io.parley.bots.notifier.parse;

/**
 * A request body the receiver cannot turn into an alert group; the message is the reason given
 * to the sender with status 400 (415 for the {@link UnsupportedMediaTypeException} subtype). It
 * names fields and positions, and never quotes more than a short, cleaned fragment of the input.
 */
public class PayloadException extends Exception {
  private static final long serialVersionUID = 1L;

  public PayloadException(String reason) {
    super(reason);
  }
}

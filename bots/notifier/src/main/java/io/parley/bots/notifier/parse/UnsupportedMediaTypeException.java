package io.parley.bots.notifier.parse;

/**
 * The body's {@code Content-Type} is none the receiver reads (status 415), and no
 * {@code ?format=} says how to read it anyway. The message names the accepted types.
 */
public final class UnsupportedMediaTypeException extends PayloadException {
  private static final long serialVersionUID = 1L;

  public UnsupportedMediaTypeException(String reason) {
    super(reason);
  }
}

package io.parley.daemon.qr;

/** The text or the requested size cannot be rendered as a QR code; the message says why. */
public final class QrException extends Exception {
  private static final long serialVersionUID = 1L;

  /** @param message why rendering failed; never contains the text being encoded */
  public QrException(String message) {
    super(message);
  }
}

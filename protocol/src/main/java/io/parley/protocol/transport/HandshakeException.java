package io.parley.protocol.transport;

/** The session handshake after TLS failed; {@link #reason()} says why. Carries no secret. */
public final class HandshakeException extends Exception {
  /** Why a handshake failed. */
  public enum Reason {
    /** A hello block or message did not decode. */
    MALFORMED,
    /** The version ranges do not overlap, or the chosen version is outside the relay's range. */
    VERSION,
    /** The peer's key hash or certificate chain is not the expected relay identity. */
    IDENTITY,
    /** The relay hello's signature does not verify with the TLS online certificate. */
    BAD_SIGNATURE
  }

  private final Reason reason;

  public HandshakeException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public HandshakeException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}

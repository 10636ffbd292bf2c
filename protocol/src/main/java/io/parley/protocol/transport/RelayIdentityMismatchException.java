package io.parley.protocol.transport;

import java.security.cert.CertificateException;

/**
 * The relay's TLS chain does not prove the identity named by the key hash in its address.
 * Thrown by the pinning trust manager; JSSE fails the handshake with it as the cause, and
 * {@link Tls#isIdentityMismatch} finds it.
 */
public final class RelayIdentityMismatchException extends CertificateException {
  /** The message clients show to users. */
  public static final String MESSAGE = "relay identity does not match the key hash in its address";

  private final String detail;

  public RelayIdentityMismatchException(String detail) {
    super(MESSAGE);
    this.detail = detail;
  }

  /** Which check failed, for logs and tests; carries no secret. */
  public String detail() {
    return detail;
  }
}

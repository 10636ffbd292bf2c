package io.parley.protocol.crypto;

/** A cryptographic check failed: a bad tag, a bad key, a low-order point. Carries no secret. */
public class CryptoException extends Exception {
  public CryptoException(String message) {
    super(message);
  }

  public CryptoException(String message, Throwable cause) {
    super(message, cause);
  }
}

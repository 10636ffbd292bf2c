package io.parley.transport.tls;

/** The configured TLS engine cannot run in this JVM (BoringSSL's native library did not load). */
public final class TlsEngineUnavailableException extends Exception {
  private static final long serialVersionUID = 1L;

  public TlsEngineUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}

package io.parley.agent.model;

/**
 * The TLS engine asked for the agent's relay clients ({@link RelayClientConfig#tlsEngine()}):
 * {@link #AUTO} and {@link #JDK} run the JDK's SSLEngine; {@link #OPENSSL} (BoringSSL) is
 * refused when the agent starts, because as a TLS client it offers no Ed25519 signature scheme,
 * which every relay signs with.
 */
public enum RelayTlsEngine {
  AUTO,
  OPENSSL,
  JDK
}

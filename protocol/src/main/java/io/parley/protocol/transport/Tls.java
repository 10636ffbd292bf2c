package io.parley.protocol.transport;

import io.parley.protocol.crypto.SecureRandoms;
import java.net.SocketException;
import java.security.GeneralSecurityException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.HashSet;
import java.util.Set;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * TLS parameters of relay connections (docs/protocol.md section 4.2): TLS 1.3 only, AES-GCM
 * suites, the relay's Ed25519 chain on the server, a key-hash pinning trust manager on the
 * client, no CA, no host name check, no session resumption. Contexts are thread-safe and meant
 * to be reused; engines and sockets are per connection.
 */
public final class Tls {
  /** The only TLS version relays and clients enable. */
  public static final String[] PROTOCOLS = {"TLSv1.3"};
  /** AES-GCM only: the JDK runs it on AES-NI, ~4.5x the records/s of ChaCha20-Poly1305. */
  public static final String[] CIPHER_SUITES = {"TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384"};
  /**
   * Session timeout set on server contexts. JSSE issues no TLS 1.3 session tickets when the
   * timeout exceeds the 7-day ticket lifetime limit, so every connection is a full handshake
   * and every session proves the relay's key afresh. UNIT: seconds.
   */
  static final int NO_TICKETS_SESSION_TIMEOUT_SECONDS = 8 * 24 * 3600;
  private static final String CONTEXT_PROTOCOL = "TLSv1.3";

  private Tls() {}

  /** A server context presenting {@code [online, identity]} from the relay identity. */
  public static SSLContext serverContext(RelayIdentity identity) {
    try {
      SSLContext ctx = SSLContext.getInstance(CONTEXT_PROTOCOL);
      ctx.init(new KeyManager[] {new RelayKeyManager(identity)}, null, SecureRandoms.get());
      ctx.getServerSessionContext().setSessionTimeout(NO_TICKETS_SESSION_TIMEOUT_SECONDS);
      ctx.getServerSessionContext().setSessionCacheSize(1);
      return ctx;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("TLS 1.3 unavailable in this JDK", e);
    }
  }

  /**
   * A client context that trusts only the relay whose identity certificate hashes to keyHash,
   * judging the certificates' validity at {@code clock}'s time.
   *
   * @throws IllegalArgumentException if keyHash is not 32 bytes
   */
  public static SSLContext clientContext(byte[] keyHash, Clock clock) {
    try {
      SSLContext ctx = SSLContext.getInstance(CONTEXT_PROTOCOL);
      ctx.init(null, new TrustManager[] {new PinningTrustManager(keyHash, clock)}, SecureRandoms.get());
      ctx.getClientSessionContext().setSessionCacheSize(1);
      return ctx;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("TLS 1.3 unavailable in this JDK", e);
    }
  }

  /**
   * The relay's key manager for a TLS library that asks for an alias by the cipher's key
   * exchange type (RSA, EC) rather than by the key's algorithm, as Netty does over BoringSSL:
   * it offers the relay's one Ed25519 key and chain {@code [online, identity]} whatever type is
   * asked, and the library signs with the scheme the key itself allows (ed25519).
   */
  public static X509ExtendedKeyManager anyKeyTypeServerKeyManager(RelayIdentity identity) {
    return new RelayKeyManager(identity, true);
  }

  /**
   * The trust manager of {@link #clientContext}, for TLS libraries built outside an
   * SSLContext: trusts only the relay whose identity certificate hashes to keyHash.
   *
   * @throws IllegalArgumentException if keyHash is not 32 bytes
   */
  public static X509ExtendedTrustManager pinningTrustManager(byte[] keyHash, Clock clock) {
    return new PinningTrustManager(keyHash, clock);
  }

  /** A server-mode engine with protocols and suites set. */
  public static SSLEngine serverEngine(SSLContext ctx) {
    SSLEngine engine = ctx.createSSLEngine();
    engine.setUseClientMode(false);
    engine.setSSLParameters(parameters(engine.getSSLParameters()));
    return engine;
  }

  /**
   * A client-mode engine for host:port (used for SNI only), with endpoint identification off:
   * the pinned key hash, not the name, authenticates the relay.
   */
  public static SSLEngine clientEngine(SSLContext ctx, String host, int port) {
    SSLEngine engine = ctx.createSSLEngine(host, port);
    engine.setUseClientMode(true);
    engine.setSSLParameters(parameters(engine.getSSLParameters()));
    return engine;
  }

  /**
   * Applies protocols, suites and no endpoint identification to a blocking client socket, and
   * TCP_NODELAY: with Nagle on, the small handshake flights wait on delayed ACKs (~40 ms each
   * on Linux loopback, which cut the handshake rate from ~150/s to ~20/s).
   */
  public static void configureClientSocket(SSLSocket s) {
    s.setUseClientMode(true);
    s.setSSLParameters(parameters(s.getSSLParameters()));
    try {
      s.setTcpNoDelay(true);
    } catch (SocketException e) {
      // Only a closed socket refuses this, and then the handshake itself fails with a cause.
    }
  }

  /** Applies protocols and suites to a blocking server socket (tests, simple servers). */
  public static void configureServerSocket(SSLServerSocket s) {
    s.setSSLParameters(parameters(s.getSSLParameters()));
  }

  private static SSLParameters parameters(SSLParameters p) {
    p.setProtocols(PROTOCOLS.clone());
    p.setCipherSuites(CIPHER_SUITES.clone());
    p.setEndpointIdentificationAlgorithm(null);
    p.setNeedClientAuth(false);
    p.setWantClientAuth(false);
    return p;
  }

  /** The peer's X.509 chain from a completed handshake. */
  public static X509Certificate[] peerChain(SSLSession session)
      throws SSLPeerUnverifiedException {
    Certificate[] certs = session.getPeerCertificates();
    X509Certificate[] out = new X509Certificate[certs.length];
    for (int i = 0; i < certs.length; i++) {
      if (!(certs[i] instanceof X509Certificate)) {
        throw new SSLPeerUnverifiedException("peer presented a non-X.509 certificate");
      }
      out[i] = (X509Certificate) certs[i];
    }
    return out;
  }

  /** True if {@code t} or any of its causes is a {@link RelayIdentityMismatchException}. */
  public static boolean isIdentityMismatch(Throwable t) {
    Set<Throwable> seen = new HashSet<>();
    for (Throwable c = t; c != null && seen.add(c); c = c.getCause()) {
      if (c instanceof RelayIdentityMismatchException) {
        return true;
      }
    }
    return false;
  }
}

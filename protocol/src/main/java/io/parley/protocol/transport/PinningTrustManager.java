package io.parley.protocol.transport;

import io.parley.protocol.crypto.Hashes;
import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Date;
import java.util.Objects;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Trusts exactly one relay identity: the chain must be {@code [online, identity]} with
 * SHA-256(DER(identity)) equal to the pinned key hash, identity self-signed, online signed by
 * identity, both valid at the injected clock's time. No CA and no host name are involved.
 * Immutable, thread-safe.
 */
final class PinningTrustManager extends X509ExtendedTrustManager {
  /** Certificates in a relay chain: online then identity. */
  static final int CHAIN_LENGTH = 2;

  private final byte[] keyHash;
  private final Clock clock;

  PinningTrustManager(byte[] keyHash, Clock clock) {
    if (keyHash.length != RelayAddress.KEY_HASH_BYTES) {
      throw new IllegalArgumentException("key hash must be 32 bytes");
    }
    this.keyHash = keyHash.clone();
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Checks a relay chain against a pinned key hash at the given time. */
  static void check(X509Certificate[] chain, byte[] keyHash, Date now)
      throws RelayIdentityMismatchException {
    if (chain == null || chain.length != CHAIN_LENGTH || chain[0] == null || chain[1] == null) {
      throw new RelayIdentityMismatchException("chain must hold exactly 2 certificates");
    }
    X509Certificate online = chain[0];
    X509Certificate identity = chain[1];
    if (!Hashes.constantTimeEquals(Certificates.keyHash(identity), keyHash)) {
      throw new RelayIdentityMismatchException("identity certificate hash differs");
    }
    byte[] identityKey = Certificates.ed25519PublicKey(identity);
    if (!Certificates.isSignedBy(identity, identityKey)) {
      throw new RelayIdentityMismatchException("identity certificate is not self-signed");
    }
    if (!Certificates.isSignedBy(online, identityKey)) {
      throw new RelayIdentityMismatchException("online certificate not signed by identity");
    }
    try {
      identity.checkValidity(now);
      online.checkValidity(now);
    } catch (CertificateException e) {
      throw new RelayIdentityMismatchException("certificate outside its validity period");
    }
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    check(chain, keyHash, Date.from(clock.instant()));
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    check(chain, keyHash, Date.from(clock.instant()));
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    check(chain, keyHash, Date.from(clock.instant()));
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    throw new CertificateException("relay clients do not present certificates");
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    throw new CertificateException("relay clients do not present certificates");
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    throw new CertificateException("relay clients do not present certificates");
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return new X509Certificate[0];
  }
}

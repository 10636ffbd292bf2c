package io.parley.protocol.transport;

import io.parley.protocol.crypto.Ed25519;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;

/**
 * A relay's identity: an Ed25519 identity certificate (self-signed, 10 years) whose hash is
 * the relay's address key hash, and an Ed25519 online certificate signed by it (1 year) that TLS
 * presents and that signs session hellos. Immutable and thread-safe; the private keys never
 * appear in {@link #toString()}. Stored as PEM by {@link RelayIdentityPem}; the files are the
 * caller's.
 */
public final class RelayIdentity {
  private final X509Certificate identityCert;
  private final byte[] identityPrivateKey;
  private final X509Certificate onlineCert;
  private final byte[] onlinePrivateKey;
  private final PrivateKey onlineJcaKey;
  private final byte[] keyHash;

  RelayIdentity(X509Certificate identityCert, byte[] identityPrivateKey,
      X509Certificate onlineCert, byte[] onlinePrivateKey) {
    this.identityCert = identityCert;
    this.identityPrivateKey = identityPrivateKey.clone();
    this.onlineCert = onlineCert;
    this.onlinePrivateKey = onlinePrivateKey.clone();
    this.onlineJcaKey = Certificates.jcaPrivateKey(onlinePrivateKey);
    this.keyHash = Certificates.keyHash(identityCert);
  }

  /** Generates a fresh identity and online certificate, valid from {@code clock}'s now. */
  public static RelayIdentity generate(Clock clock) {
    Instant now = clock.instant();
    Ed25519.KeyPair identity = Ed25519.generate();
    Ed25519.KeyPair online = Ed25519.generate();
    return new RelayIdentity(Certificates.identityCertificate(identity, now),
        identity.privateKey(), Certificates.onlineCertificate(online, identity, now),
        online.privateKey());
  }

  /**
   * The same identity, and so the same relay address, with a fresh online key and a certificate
   * for it signed by the identity key, valid for a year from {@code now}. The old online key is
   * not reused: renewal also rotates the key that signs session hellos.
   */
  public RelayIdentity withNewOnlineCertificate(Instant now) {
    Ed25519.KeyPair online = Ed25519.generate();
    return new RelayIdentity(identityCert, identityPrivateKey,
        Certificates.onlineCertificate(online, identityPrivateKey, now), online.privateKey());
  }

  /** When the online certificate stops being valid; clients refuse the relay after it. */
  public Instant onlineCertificateNotAfter() {
    return onlineCert.getNotAfter().toInstant();
  }

  public X509Certificate identityCertificate() {
    return identityCert;
  }

  public X509Certificate onlineCertificate() {
    return onlineCert;
  }

  /** The chain TLS presents: online certificate first, then the identity certificate. */
  public X509Certificate[] chain() {
    return new X509Certificate[] {onlineCert, identityCert};
  }

  /** Base64url without padding of SHA-256(DER(identity certificate)), as in relay addresses. */
  public String keyHash() {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(keyHash);
  }

  /** The 32 raw bytes of {@link #keyHash()}; a copy. */
  public byte[] keyHashBytes() {
    return keyHash.clone();
  }

  /** Ed25519 signature by the online certificate's key (BouncyCastle, ~40 us). */
  public byte[] signWithOnlineKey(byte[] data) {
    return Ed25519.sign(onlinePrivateKey, data);
  }

  PrivateKey onlineJcaKey() {
    return onlineJcaKey;
  }

  byte[] identityPrivateKey() {
    return identityPrivateKey.clone();
  }

  byte[] onlinePrivateKey() {
    return onlinePrivateKey.clone();
  }

  @Override
  public String toString() {
    return "RelayIdentity[keyHash=" + keyHash() + "]";
  }
}

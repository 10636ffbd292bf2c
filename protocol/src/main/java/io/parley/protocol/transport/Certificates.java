package io.parley.protocol.transport;

import io.parley.protocol.crypto.Ed25519;
import io.parley.protocol.crypto.Hashes;
import io.parley.protocol.crypto.SecureRandoms;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509v3CertificateBuilder;

/**
 * Builds and checks the relay's Ed25519 certificates with raw keys (bcpkix for encoding, the
 * project's BouncyCastle Ed25519 for signatures, ~10x faster than the JDK's). Thread-safe.
 */
final class Certificates {
  /** Lifetime of the long-lived identity certificate. */
  static final Duration IDENTITY_VALIDITY = Duration.ofDays(3653);
  /** Lifetime of the online (TLS) certificate. */
  static final Duration ONLINE_VALIDITY = Duration.ofDays(365);
  /** Backdating of notBefore, so a peer whose clock is slightly behind still accepts. */
  static final Duration CLOCK_SKEW = Duration.ofHours(1);
  /** Random certificate serial length. UNIT: bits. */
  private static final int SERIAL_BITS = 128;

  private static final X500Name IDENTITY_NAME = new X500Name("CN=Parley relay identity");
  private static final X500Name ONLINE_NAME = new X500Name("CN=Parley relay");

  private Certificates() {}

  static X509Certificate identityCertificate(Ed25519.KeyPair identity, Instant now) {
    return build(IDENTITY_NAME, IDENTITY_NAME, identity.publicKey(), identity.privateKey(),
        now, IDENTITY_VALIDITY, true);
  }

  static X509Certificate onlineCertificate(
      Ed25519.KeyPair online, Ed25519.KeyPair identity, Instant now) {
    return onlineCertificate(online, identity.privateKey(), now);
  }

  static X509Certificate onlineCertificate(
      Ed25519.KeyPair online, byte[] identityPrivateKey, Instant now) {
    return build(IDENTITY_NAME, ONLINE_NAME, online.publicKey(), identityPrivateKey,
        now, ONLINE_VALIDITY, false);
  }

  private static X509Certificate build(X500Name issuer, X500Name subject, byte[] publicKey,
      byte[] signingKey, Instant now, Duration validity, boolean ca) {
    SubjectPublicKeyInfo spki =
        new SubjectPublicKeyInfo(Ed25519ContentSigner.ALGORITHM, publicKey);
    X509v3CertificateBuilder b = new X509v3CertificateBuilder(issuer,
        new BigInteger(SERIAL_BITS, SecureRandoms.get()), Date.from(now.minus(CLOCK_SKEW)),
        Date.from(now.plus(validity)), subject, spki);
    try {
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
      b.addExtension(Extension.keyUsage, true, new KeyUsage(
          ca ? KeyUsage.keyCertSign | KeyUsage.digitalSignature : KeyUsage.digitalSignature));
      return fromDer(b.build(new Ed25519ContentSigner(signingKey)).getEncoded());
    } catch (IOException | CertificateException e) {
      throw new IllegalStateException("cannot encode a certificate we built", e);
    }
  }

  /** Parses DER with the JDK's factory, so JSSE sees its own key classes ("EdDSA"). */
  static X509Certificate fromDer(byte[] der) throws CertificateException {
    CertificateFactory f = CertificateFactory.getInstance("X.509");
    return (X509Certificate) f.generateCertificate(new ByteArrayInputStream(der));
  }

  /** The raw 32-byte Ed25519 public key of a certificate, or null if it holds another kind. */
  static byte[] ed25519PublicKey(X509Certificate cert) {
    try {
      SubjectPublicKeyInfo spki =
          SubjectPublicKeyInfo.getInstance(cert.getPublicKey().getEncoded());
      if (!Ed25519ContentSigner.ALGORITHM.equals(spki.getAlgorithm())) {
        return null;
      }
      byte[] raw = spki.getPublicKeyData().getOctets();
      return raw.length == Ed25519.PUBLIC_KEY_BYTES ? raw : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** True if {@code cert} carries a valid Ed25519 signature by {@code issuerPublicKey}. */
  static boolean isSignedBy(X509Certificate cert, byte[] issuerPublicKey) {
    if (issuerPublicKey == null
        || !Ed25519ContentSigner.ALGORITHM.getAlgorithm().getId().equals(cert.getSigAlgOID())
        || cert.getSigAlgParams() != null) {
      return false;
    }
    try {
      return Ed25519.verify(issuerPublicKey, cert.getTBSCertificate(), cert.getSignature());
    } catch (CertificateException e) {
      return false;
    }
  }

  /** SHA-256 over the DER encoding: the relay key hash when applied to the identity cert. */
  static byte[] keyHash(X509Certificate cert) {
    try {
      return Hashes.sha256(cert.getEncoded());
    } catch (CertificateException e) {
      throw new IllegalStateException("certificate cannot be encoded", e);
    }
  }

  /** RFC 8410 PKCS#8 for a raw Ed25519 private key (version 0, no embedded public key). */
  static byte[] pkcs8(byte[] rawPrivateKey) {
    try {
      return new PrivateKeyInfo(Ed25519ContentSigner.ALGORITHM,
          new DEROctetString(rawPrivateKey)).getEncoded();
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode a private key", e);
    }
  }

  /** The raw private key inside an Ed25519 PKCS#8 structure. */
  static byte[] rawPrivateKey(byte[] pkcs8) throws IOException {
    try {
      PrivateKeyInfo info = PrivateKeyInfo.getInstance(ASN1Primitive.fromByteArray(pkcs8));
      if (!Ed25519ContentSigner.ALGORITHM.equals(info.getPrivateKeyAlgorithm())) {
        throw new IOException("not an Ed25519 private key");
      }
      byte[] raw = DEROctetString.getInstance(info.parsePrivateKey()).getOctets();
      if (raw.length != Ed25519.PRIVATE_KEY_BYTES) {
        throw new IOException("Ed25519 private key must be 32 bytes");
      }
      return raw;
    } catch (IllegalArgumentException | ClassCastException e) {
      throw new IOException("malformed PKCS#8 private key", e);
    }
  }

  /** A JCA private key for JSSE, which signs TLS CertificateVerify with it. */
  static PrivateKey jcaPrivateKey(byte[] rawPrivateKey) {
    try {
      return KeyFactory.getInstance("Ed25519")
          .generatePrivate(new PKCS8EncodedKeySpec(pkcs8(rawPrivateKey)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("JDK cannot load an Ed25519 private key", e);
    }
  }

  static boolean samePublicKey(X509Certificate cert, byte[] rawPublicKey) {
    return Arrays.equals(ed25519PublicKey(cert), rawPublicKey);
  }
}

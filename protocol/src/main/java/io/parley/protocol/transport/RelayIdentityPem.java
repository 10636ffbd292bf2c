package io.parley.protocol.transport;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.EnumMap;
import java.util.Map;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;
import org.bouncycastle.util.io.pem.PemWriter;

/**
 * A {@link RelayIdentity} as four PEM texts and back, without touching files: where the texts
 * are kept (the relay's {@code identity/} directory) is the caller's business. Decoding checks
 * that keys match certificates and that the online certificate is signed by the identity key.
 * Stateless and thread-safe.
 */
public final class RelayIdentityPem {
  /** One of the four texts, with the file name it is conventionally stored under. */
  public enum Part {
    IDENTITY_CERTIFICATE("identity.crt", PEM_CERTIFICATE, false),
    IDENTITY_KEY("identity.key", PEM_PRIVATE_KEY, true),
    ONLINE_CERTIFICATE("online.crt", PEM_CERTIFICATE, false),
    ONLINE_KEY("online.key", PEM_PRIVATE_KEY, true);

    private final String fileName;
    private final String pemType;
    private final boolean secret;

    Part(String fileName, String pemType, boolean secret) {
      this.fileName = fileName;
      this.pemType = pemType;
      this.secret = secret;
    }

    /** The conventional file name, for example {@code identity.key}. */
    public String fileName() {
      return fileName;
    }

    /** True for the private keys: whoever stores them must keep them from other users. */
    public boolean secret() {
      return secret;
    }
  }

  private static final String PEM_CERTIFICATE = "CERTIFICATE";
  private static final String PEM_PRIVATE_KEY = "PRIVATE KEY";

  private RelayIdentityPem() {}

  /** The four PEM texts of {@code id}; two of them hold private keys (see {@link Part#secret}). */
  public static Map<Part, String> encode(RelayIdentity id) {
    Map<Part, String> out = new EnumMap<>(Part.class);
    out.put(Part.IDENTITY_CERTIFICATE, pem(PEM_CERTIFICATE, der(id.identityCertificate())));
    out.put(Part.ONLINE_CERTIFICATE, pem(PEM_CERTIFICATE, der(id.onlineCertificate())));
    out.put(Part.IDENTITY_KEY, pem(PEM_PRIVATE_KEY, Certificates.pkcs8(id.identityPrivateKey())));
    out.put(Part.ONLINE_KEY, pem(PEM_PRIVATE_KEY, Certificates.pkcs8(id.onlinePrivateKey())));
    return out;
  }

  /**
   * The identity the four texts hold.
   *
   * @throws RelayIdentityPemException naming the part, if one is absent, not PEM of its type,
   *     or does not fit the others
   */
  public static RelayIdentity decode(Map<Part, String> texts) throws RelayIdentityPemException {
    X509Certificate identityCert = certificate(texts, Part.IDENTITY_CERTIFICATE);
    X509Certificate onlineCert = certificate(texts, Part.ONLINE_CERTIFICATE);
    byte[] identityKey = privateKey(texts, Part.IDENTITY_KEY);
    byte[] onlineKey = privateKey(texts, Part.ONLINE_KEY);
    byte[] identityPublic = Certificates.ed25519PublicKey(identityCert);
    if (identityPublic == null) {
      throw new RelayIdentityPemException(Part.IDENTITY_CERTIFICATE,
          "does not hold an Ed25519 key");
    }
    if (!Certificates.isSignedBy(identityCert, identityPublic)) {
      throw new RelayIdentityPemException(Part.IDENTITY_CERTIFICATE, "is not self-signed");
    }
    if (!Certificates.samePublicKey(identityCert, publicKeyOf(identityKey))) {
      throw new RelayIdentityPemException(Part.IDENTITY_KEY,
          "does not match " + Part.IDENTITY_CERTIFICATE.fileName());
    }
    if (!Certificates.isSignedBy(onlineCert, identityPublic)) {
      throw new RelayIdentityPemException(Part.ONLINE_CERTIFICATE,
          "is not signed by the identity key");
    }
    if (!Certificates.samePublicKey(onlineCert, publicKeyOf(onlineKey))) {
      throw new RelayIdentityPemException(Part.ONLINE_KEY,
          "does not match " + Part.ONLINE_CERTIFICATE.fileName());
    }
    return new RelayIdentity(identityCert, identityKey, onlineCert, onlineKey);
  }

  private static byte[] publicKeyOf(byte[] ed25519PrivateKey) {
    return new Ed25519PrivateKeyParameters(ed25519PrivateKey, 0).generatePublicKey().getEncoded();
  }

  private static X509Certificate certificate(Map<Part, String> texts, Part part)
      throws RelayIdentityPemException {
    try {
      return Certificates.fromDer(content(texts, part));
    } catch (CertificateException e) {
      throw new RelayIdentityPemException(part, "is not a valid X.509 certificate");
    }
  }

  private static byte[] privateKey(Map<Part, String> texts, Part part)
      throws RelayIdentityPemException {
    byte[] der = content(texts, part);
    try {
      return Certificates.rawPrivateKey(der);
    } catch (IOException e) {
      throw new RelayIdentityPemException(part,
          "is not a valid Ed25519 private key: " + e.getMessage());
    }
  }

  private static byte[] content(Map<Part, String> texts, Part part)
      throws RelayIdentityPemException {
    String text = texts.get(part);
    if (text == null) {
      throw new RelayIdentityPemException(part, "is missing");
    }
    PemObject pem;
    try (Reader r = new StringReader(text); PemReader pr = new PemReader(r)) {
      pem = pr.readPemObject();
    } catch (IOException | RuntimeException e) {
      throw new RelayIdentityPemException(part, "is not valid PEM");
    }
    if (pem == null || !part.pemType.equals(pem.getType())) {
      throw new RelayIdentityPemException(part, "does not hold a PEM " + part.pemType);
    }
    return pem.getContent();
  }

  private static byte[] der(X509Certificate cert) {
    try {
      return cert.getEncoded();
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException("certificate cannot be encoded", e);
    }
  }

  private static String pem(String type, byte[] der) {
    StringWriter text = new StringWriter();
    try (PemWriter w = new PemWriter(text)) {
      w.writeObject(new PemObject(type, der));
    } catch (IOException e) {
      throw new IllegalStateException("writing PEM to memory failed", e);
    }
    return text.toString();
  }
}

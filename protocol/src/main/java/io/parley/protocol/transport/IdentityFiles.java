package io.parley.protocol.transport;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Set;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;
import org.bouncycastle.util.io.pem.PemWriter;

/** PEM persistence of a {@link RelayIdentity}. Not safe against concurrent saves to one dir. */
final class IdentityFiles {
  static final String IDENTITY_CERT = "identity.crt";
  static final String IDENTITY_KEY = "identity.key";
  static final String ONLINE_CERT = "online.crt";
  static final String ONLINE_KEY = "online.key";

  private static final String PEM_CERTIFICATE = "CERTIFICATE";
  private static final String PEM_PRIVATE_KEY = "PRIVATE KEY";
  private static final Set<PosixFilePermission> KEY_PERMISSIONS =
      PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> CERT_PERMISSIONS =
      PosixFilePermissions.fromString("rw-r--r--");

  private IdentityFiles() {}

  static void save(RelayIdentity id, Path dir) throws IOException {
    Files.createDirectories(dir);
    writePem(dir.resolve(IDENTITY_CERT), PEM_CERTIFICATE, der(id.identityCertificate()),
        CERT_PERMISSIONS);
    writePem(dir.resolve(ONLINE_CERT), PEM_CERTIFICATE, der(id.onlineCertificate()),
        CERT_PERMISSIONS);
    writePem(dir.resolve(IDENTITY_KEY), PEM_PRIVATE_KEY,
        Certificates.pkcs8(id.identityPrivateKey()), KEY_PERMISSIONS);
    writePem(dir.resolve(ONLINE_KEY), PEM_PRIVATE_KEY,
        Certificates.pkcs8(id.onlinePrivateKey()), KEY_PERMISSIONS);
  }

  static RelayIdentity load(Path dir) throws IOException {
    X509Certificate identityCert = readCertificate(dir.resolve(IDENTITY_CERT));
    X509Certificate onlineCert = readCertificate(dir.resolve(ONLINE_CERT));
    byte[] identityKey = readPrivateKey(dir.resolve(IDENTITY_KEY));
    byte[] onlineKey = readPrivateKey(dir.resolve(ONLINE_KEY));
    byte[] identityPublic = Certificates.ed25519PublicKey(identityCert);
    if (identityPublic == null) {
      throw corrupt(dir.resolve(IDENTITY_CERT), "does not hold an Ed25519 key");
    }
    if (!Certificates.isSignedBy(identityCert, identityPublic)) {
      throw corrupt(dir.resolve(IDENTITY_CERT), "is not self-signed");
    }
    if (!Certificates.samePublicKey(identityCert, publicKeyOf(identityKey))) {
      throw corrupt(dir.resolve(IDENTITY_KEY), "does not match " + IDENTITY_CERT);
    }
    if (!Certificates.isSignedBy(onlineCert, identityPublic)) {
      throw corrupt(dir.resolve(ONLINE_CERT), "is not signed by the identity key");
    }
    if (!Certificates.samePublicKey(onlineCert, publicKeyOf(onlineKey))) {
      throw corrupt(dir.resolve(ONLINE_KEY), "does not match " + ONLINE_CERT);
    }
    return new RelayIdentity(identityCert, identityKey, onlineCert, onlineKey);
  }

  private static byte[] publicKeyOf(byte[] ed25519PrivateKey) {
    return new Ed25519PrivateKeyParameters(ed25519PrivateKey, 0).generatePublicKey().getEncoded();
  }

  private static X509Certificate readCertificate(Path file) throws IOException {
    try {
      return Certificates.fromDer(readPem(file, PEM_CERTIFICATE));
    } catch (CertificateException e) {
      throw corrupt(file, "is not a valid X.509 certificate");
    }
  }

  private static byte[] readPrivateKey(Path file) throws IOException {
    byte[] der = readPem(file, PEM_PRIVATE_KEY);
    try {
      return Certificates.rawPrivateKey(der);
    } catch (IOException e) {
      throw corrupt(file, "is not a valid Ed25519 private key: " + e.getMessage());
    }
  }

  private static byte[] readPem(Path file, String type) throws IOException {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.US_ASCII);
    } catch (NoSuchFileException e) {
      throw new NoSuchFileException(file.toString(), null, "relay identity file is missing");
    }
    PemObject pem;
    try (Reader r = new StringReader(text); PemReader pr = new PemReader(r)) {
      pem = pr.readPemObject();
    } catch (IOException | RuntimeException e) {
      throw corrupt(file, "is not valid PEM");
    }
    if (pem == null || !type.equals(pem.getType())) {
      throw corrupt(file, "does not hold a PEM " + type);
    }
    return pem.getContent();
  }

  private static IOException corrupt(Path file, String problem) {
    return new IOException("relay identity file " + file + " " + problem);
  }

  private static byte[] der(X509Certificate cert) throws IOException {
    try {
      return cert.getEncoded();
    } catch (CertificateEncodingException e) {
      throw new IOException("certificate cannot be encoded", e);
    }
  }

  /** Writes to a temporary sibling created with the final mode, then moves it into place. */
  private static void writePem(Path file, String type, byte[] der,
      Set<PosixFilePermission> perms) throws IOException {
    StringWriter text = new StringWriter();
    try (PemWriter w = new PemWriter(text)) {
      w.writeObject(new PemObject(type, der));
    }
    Path dir = file.toAbsolutePath().getParent();
    boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    Path tmp = posix
        ? Files.createTempFile(dir, file.getFileName() + ".", ".tmp",
            PosixFilePermissions.asFileAttribute(perms))
        : Files.createTempFile(dir, file.getFileName() + ".", ".tmp");
    try {
      Files.writeString(tmp, text.toString(), StandardCharsets.US_ASCII);
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE,
            StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}

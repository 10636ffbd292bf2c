package io.parley.protocol.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.protocol.crypto.Ed25519;
import io.parley.protocol.crypto.Hashes;
import io.parley.protocol.testing.TestIdentities;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RelayIdentityTest {
  private static final RelayIdentity RELAY = TestIdentities.relay();

  @Test
  void keyHashIsBase64UrlOfTheSha256OfTheIdentityCertificateDer() throws Exception {
    byte[] expected = Hashes.sha256(RELAY.identityCertificate().getEncoded());
    assertArrayEquals(expected, RELAY.keyHashBytes());
    assertEquals(Base64.getUrlEncoder().withoutPadding().encodeToString(expected),
        RELAY.keyHash());
    assertEquals(43, RELAY.keyHash().length());
  }

  @Test
  void identityIsSelfSignedAndOnlineCertificateIsSignedByIt() {
    byte[] identityKey = Certificates.ed25519PublicKey(RELAY.identityCertificate());
    assertTrue(Certificates.isSignedBy(RELAY.identityCertificate(), identityKey));
    assertTrue(Certificates.isSignedBy(RELAY.onlineCertificate(), identityKey));
    assertEquals(RELAY.identityCertificate().getSubjectX500Principal(),
        RELAY.onlineCertificate().getIssuerX500Principal());
  }

  @Test
  void certificatesLastTenYearsAndOneYear() {
    assertEquals(Certificates.IDENTITY_VALIDITY.plus(Certificates.CLOCK_SKEW),
        lifetime(RELAY.identityCertificate()));
    assertEquals(Certificates.ONLINE_VALIDITY.plus(Certificates.CLOCK_SKEW),
        lifetime(RELAY.onlineCertificate()));
    assertTrue(Certificates.IDENTITY_VALIDITY.toDays() >= 3650);
  }

  private static Duration lifetime(X509Certificate c) {
    return Duration.between(c.getNotBefore().toInstant(), c.getNotAfter().toInstant());
  }

  @Test
  void onlineKeySignaturesVerifyWithTheOnlineCertificateKeyOnly() {
    byte[] data = "hello".getBytes(StandardCharsets.US_ASCII);
    byte[] sig = RELAY.signWithOnlineKey(data);
    assertTrue(Ed25519.verify(Certificates.ed25519PublicKey(RELAY.onlineCertificate()), data,
        sig));
    assertFalse(Ed25519.verify(Certificates.ed25519PublicKey(RELAY.identityCertificate()), data,
        sig));
  }

  @Test
  void twoGeneratedIdentitiesHaveDifferentKeyHashes() {
    assertNotEquals(RELAY.keyHash(), TestIdentities.other().keyHash());
  }

  @Test
  void saveThenLoadGivesTheSameIdentityWithPrivateKeysReadableOnlyByTheOwner(@TempDir Path dir)
      throws Exception {
    Path sub = dir.resolve("relay");
    RELAY.save(sub);
    for (String key : new String[] {"identity.key", "online.key"}) {
      assertEquals("rw-------",
          PosixFilePermissions.toString(Files.getPosixFilePermissions(sub.resolve(key))));
      assertTrue(Files.readString(sub.resolve(key)).startsWith("-----BEGIN PRIVATE KEY-----"));
    }
    assertTrue(Files.readString(sub.resolve("identity.crt"))
        .startsWith("-----BEGIN CERTIFICATE-----"));
    try (Stream<Path> files = Files.list(sub)) {
      assertEquals(4, files.count(), "no temporary files are left behind");
    }
    RelayIdentity loaded = RelayIdentity.load(sub);
    assertEquals(RELAY.keyHash(), loaded.keyHash());
    assertEquals(RELAY.identityCertificate(), loaded.identityCertificate());
    assertEquals(RELAY.onlineCertificate(), loaded.onlineCertificate());
    byte[] data = {1, 2, 3};
    assertArrayEquals(RELAY.signWithOnlineKey(data), loaded.signWithOnlineKey(data));
  }

  @Test
  void savingOverAnExistingIdentityReplacesIt(@TempDir Path dir) throws Exception {
    TestIdentities.other().save(dir);
    RELAY.save(dir);
    assertEquals(RELAY.keyHash(), RelayIdentity.load(dir).keyHash());
  }

  @Test
  void loadingFromADirectoryWithoutTheFilesNamesTheMissingFile(@TempDir Path dir) {
    NoSuchFileException e =
        assertThrows(NoSuchFileException.class, () -> RelayIdentity.load(dir));
    assertTrue(e.getMessage().contains("identity.crt"), e.getMessage());
    assertTrue(e.getMessage().contains("missing"), e.getMessage());
  }

  @Test
  void loadingACorruptFileNamesItAndSaysWhatIsWrong(@TempDir Path dir) throws Exception {
    RELAY.save(dir);
    Files.writeString(dir.resolve("online.crt"), "not pem at all");
    IOException e = assertThrows(IOException.class, () -> RelayIdentity.load(dir));
    assertTrue(e.getMessage().contains("online.crt"), e.getMessage());
    assertTrue(e.getMessage().contains("PEM"), e.getMessage());
  }

  @Test
  void loadingAKeyOfAnotherIdentityIsRefused(@TempDir Path dir) throws Exception {
    Path other = dir.resolve("other");
    TestIdentities.other().save(other);
    RELAY.save(dir);
    Files.copy(other.resolve("online.key"), dir.resolve("online.key"),
        StandardCopyOption.REPLACE_EXISTING);
    IOException e = assertThrows(IOException.class, () -> RelayIdentity.load(dir));
    assertTrue(e.getMessage().contains("online.key does not match online.crt"), e.getMessage());
  }

  @Test
  void loadingAnOnlineCertificateOfAnotherIdentityIsRefused(@TempDir Path dir) throws Exception {
    Path other = dir.resolve("other");
    TestIdentities.other().save(other);
    RELAY.save(dir);
    Files.copy(other.resolve("online.crt"), dir.resolve("online.crt"),
        StandardCopyOption.REPLACE_EXISTING);
    IOException e = assertThrows(IOException.class, () -> RelayIdentity.load(dir));
    assertTrue(e.getMessage().contains("not signed by the identity key"), e.getMessage());
  }

  @Test
  void aCertificateFileHoldingAKeyIsRefused(@TempDir Path dir) throws Exception {
    RELAY.save(dir);
    Files.copy(dir.resolve("identity.key"), dir.resolve("identity.crt"),
        StandardCopyOption.REPLACE_EXISTING);
    IOException e = assertThrows(IOException.class, () -> RelayIdentity.load(dir));
    assertTrue(e.getMessage().contains("identity.crt does not hold a PEM CERTIFICATE"),
        e.getMessage());
  }

  @Test
  void toStringShowsOnlyThePublicKeyHash() {
    assertEquals("RelayIdentity[keyHash=" + RELAY.keyHash() + "]", RELAY.toString());
  }
}

package io.parley.relay.identity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.protocol.testing.TestIdentities;
import io.parley.protocol.transport.RelayIdentity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A relay identity saved to and loaded from real files in a temporary directory. */
class RelayIdentityFilesTest {
  private static final RelayIdentity RELAY = TestIdentities.relay();

  @Test
  void saveThenLoadGivesTheSameIdentityWithPrivateKeysReadableOnlyByTheOwner(@TempDir Path dir)
      throws Exception {
    Path sub = dir.resolve("relay");
    RelayIdentityFiles.save(RELAY, sub);
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
    RelayIdentity loaded = RelayIdentityFiles.load(sub);
    assertEquals(RELAY.keyHash(), loaded.keyHash());
    assertEquals(RELAY.identityCertificate(), loaded.identityCertificate());
    assertEquals(RELAY.onlineCertificate(), loaded.onlineCertificate());
    byte[] data = {1, 2, 3};
    assertArrayEquals(RELAY.signWithOnlineKey(data), loaded.signWithOnlineKey(data));
  }

  @Test
  void savingOverAnExistingIdentityReplacesIt(@TempDir Path dir) throws Exception {
    RelayIdentityFiles.save(TestIdentities.other(), dir);
    RelayIdentityFiles.save(RELAY, dir);
    assertEquals(RELAY.keyHash(), RelayIdentityFiles.load(dir).keyHash());
  }

  @Test
  void loadingFromADirectoryWithoutTheFilesNamesTheMissingFile(@TempDir Path dir) {
    NoSuchFileException e =
        assertThrows(NoSuchFileException.class, () -> RelayIdentityFiles.load(dir));
    assertTrue(e.getMessage().contains("identity.crt"), e.getMessage());
    assertTrue(e.getMessage().contains("missing"), e.getMessage());
  }

  @Test
  void loadingACorruptFileNamesItAndSaysWhatIsWrong(@TempDir Path dir) throws Exception {
    RelayIdentityFiles.save(RELAY, dir);
    Files.writeString(dir.resolve("online.crt"), "not pem at all");
    IOException e = assertThrows(IOException.class, () -> RelayIdentityFiles.load(dir));
    assertTrue(e.getMessage().contains("online.crt"), e.getMessage());
    assertTrue(e.getMessage().contains("PEM"), e.getMessage());
  }

  @Test
  void loadingAKeyOfAnotherIdentityIsRefused(@TempDir Path dir) throws Exception {
    Path other = dir.resolve("other");
    RelayIdentityFiles.save(TestIdentities.other(), other);
    RelayIdentityFiles.save(RELAY, dir);
    Files.copy(other.resolve("online.key"), dir.resolve("online.key"),
        StandardCopyOption.REPLACE_EXISTING);
    IOException e = assertThrows(IOException.class, () -> RelayIdentityFiles.load(dir));
    assertTrue(e.getMessage().contains("online.key does not match online.crt"), e.getMessage());
  }

  @Test
  void loadingAnOnlineCertificateOfAnotherIdentityIsRefused(@TempDir Path dir) throws Exception {
    Path other = dir.resolve("other");
    RelayIdentityFiles.save(TestIdentities.other(), other);
    RelayIdentityFiles.save(RELAY, dir);
    Files.copy(other.resolve("online.crt"), dir.resolve("online.crt"),
        StandardCopyOption.REPLACE_EXISTING);
    IOException e = assertThrows(IOException.class, () -> RelayIdentityFiles.load(dir));
    assertTrue(e.getMessage().contains("not signed by the identity key"), e.getMessage());
  }

  @Test
  void aCertificateFileHoldingAKeyIsRefused(@TempDir Path dir) throws Exception {
    RelayIdentityFiles.save(RELAY, dir);
    Files.copy(dir.resolve("identity.key"), dir.resolve("identity.crt"),
        StandardCopyOption.REPLACE_EXISTING);
    IOException e = assertThrows(IOException.class, () -> RelayIdentityFiles.load(dir));
    assertTrue(e.getMessage().contains("identity.crt does not hold a PEM CERTIFICATE"),
        e.getMessage());
  }
}

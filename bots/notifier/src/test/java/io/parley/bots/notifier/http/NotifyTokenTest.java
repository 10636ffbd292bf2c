package io.parley.bots.notifier.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NotifyTokenTest {
  @Test
  void aGeneratedTokenIs256BitsInAnOwnerOnlyFileAndIsReusedLater(@TempDir Path dir)
      throws Exception {
    NotifyToken first = NotifyToken.loadOrCreate(dir);
    Path file = dir.resolve(NotifyToken.FILE_NAME);
    String value = Files.readString(file).strip();
    assertEquals(43, value.length(), "32 bytes in unpadded base64url");
    assertTrue(value.matches("[A-Za-z0-9_-]+"));
    if (Files.getFileStore(dir).supportsFileAttributeView("posix")) {
      assertEquals("rw-------",
          PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }
    assertTrue(first.matches(value));
    assertTrue(NotifyToken.loadOrCreate(dir).matches(value));
    try (var files = Files.list(dir)) {
      assertEquals(1, files.count(), "no temporary file left behind");
    }
  }

  @Test
  void comparisonRejectsNearMissesAndNullAndToStringHidesTheToken() {
    NotifyToken t = NotifyToken.of("abcdefghijklmnopqrstuvwxyz");
    assertTrue(t.matches("abcdefghijklmnopqrstuvwxyz"));
    assertFalse(t.matches("abcdefghijklmnopqrstuvwxy"));
    assertFalse(t.matches("abcdefghijklmnopqrstuvwxyzz"));
    assertFalse(t.matches(null));
    assertFalse(t.toString().contains("abcdef"));
  }

  @Test
  void aFileWithoutAValidTokenIsRefusedNamingTheFix(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve(NotifyToken.FILE_NAME), "short\n");
    IOException e = assertThrows(IOException.class, () -> NotifyToken.loadOrCreate(dir));
    assertTrue(e.getMessage().contains("delete it to get a new one"));
    assertFalse(e.getMessage().contains("short"));
  }

  @Test
  void onlyVisibleAsciiTokensOfSixteenOrMoreCharactersAreValid() {
    assertTrue(NotifyToken.isValid("0123456789abcdef"));
    assertFalse(NotifyToken.isValid("0123456789abcde"));
    assertFalse(NotifyToken.isValid("0123456789 abcdef"));
    assertFalse(NotifyToken.isValid(null));
    assertThrows(IllegalArgumentException.class, () -> NotifyToken.of("x"));
  }
}

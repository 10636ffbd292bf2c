package io.parley.daemon.api.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenFileTest {
  @TempDir
  Path dir;

  @Test
  void theFirstStartWritesA256BitTokenOwnerOnlyAndLaterStartsReadTheSameOne() throws Exception {
    String token = TokenFile.loadOrCreate(dir);
    assertEquals(TokenFile.TOKEN_BYTES, Base64.getUrlDecoder().decode(token).length);
    Path file = dir.resolve(TokenFile.FILE_NAME);
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    assertEquals(token, TokenFile.loadOrCreate(dir));
    try (var files = Files.list(dir)) {
      assertEquals(1, files.count(), "no temporary file is left behind");
    }
    assertNotEquals(token, TokenFile.newToken());
  }

  @Test
  void aTokenFileReadableByOthersIsTightened() throws Exception {
    Path file = dir.resolve(TokenFile.FILE_NAME);
    Files.writeString(file, "x".repeat(50));
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    assertEquals("x".repeat(50), TokenFile.loadOrCreate(dir));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
  }

  @Test
  void aTruncatedTokenFileIsRefusedRatherThanAcceptingAWeakToken() throws Exception {
    Files.writeString(dir.resolve(TokenFile.FILE_NAME), "short\n");
    IOException e = assertThrows(IOException.class, () -> TokenFile.loadOrCreate(dir));
    assertTrue(e.getMessage().contains("delete it"), e.getMessage());
    assertTrue(!e.getMessage().contains("short"), "the file's content is not echoed");
  }
}

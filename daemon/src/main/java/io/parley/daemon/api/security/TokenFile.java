package io.parley.daemon.api.security;

import io.parley.protocol.crypto.SecureRandoms;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Set;

/**
 * The root API token in {@code <data>/api.token}: 256 random bits, base64url, created on the
 * first start and written atomically (a temporary file with mode 0600, fsync, rename), so a
 * crash never leaves a partial or world-readable token. Stateless.
 */
public final class TokenFile {
  /** File name inside the data directory. */
  public static final String FILE_NAME = "api.token";
  /** Random bits in a token: out of reach of guessing. UNIT: bytes. */
  public static final int TOKEN_BYTES = 32;
  /** Shortest token accepted from an existing file (a hand-edited one). UNIT: characters. */
  public static final int MIN_TOKEN_CHARS = 32;

  private static final System.Logger LOG = System.getLogger(TokenFile.class.getName());
  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");
  private static final boolean POSIX =
      FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

  private TokenFile() {}

  /** A new random token (also used for scoped tokens). */
  public static String newToken() {
    return Base64.getUrlEncoder().withoutPadding()
        .encodeToString(SecureRandoms.bytes(TOKEN_BYTES));
  }

  /**
   * Reads the token, creating the file first if it is missing. A file readable by others is
   * tightened to 0600.
   *
   * @throws IOException if the file cannot be read or written, or holds a token too short
   */
  public static String loadOrCreate(Path dataDir) throws IOException {
    Path file = dataDir.resolve(FILE_NAME);
    if (!Files.exists(file)) {
      create(dataDir, file);
    }
    if (POSIX && !Files.getPosixFilePermissions(file).equals(OWNER_ONLY)) {
      LOG.log(Level.WARNING, "{0} was readable by others; restricted it to its owner", file);
      Files.setPosixFilePermissions(file, OWNER_ONLY);
    }
    String token = Files.readString(file, StandardCharsets.UTF_8).trim();
    if (token.length() < MIN_TOKEN_CHARS) {
      throw new IOException(file + " holds no token of at least " + MIN_TOKEN_CHARS
          + " characters; delete it to have a new one generated");
    }
    return token;
  }

  private static void create(Path dataDir, Path file) throws IOException {
    Files.createDirectories(dataDir);
    FileAttribute<?>[] attrs = POSIX
        ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
        : new FileAttribute<?>[0];
    Path tmp = Files.createTempFile(dataDir, FILE_NAME, ".tmp", attrs);
    try {
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        ch.write(ByteBuffer.wrap((newToken() + "\n").getBytes(StandardCharsets.UTF_8)));
        ch.force(true);
      }
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
    syncDirectory(dataDir);
  }

  /** Makes the rename durable; not every platform can open a directory, which is harmless. */
  private static void syncDirectory(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException e) {
      // Windows and some file systems refuse; the file itself was forced.
    }
  }
}

package io.parley.transport.files;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Small text files (keys, certificates) written whole: a reader sees the old file or the new
 * one, never half of it, and a secret file is never readable by others, not even for a moment.
 * Not safe against concurrent writers of one file. Stateless.
 */
public final class AtomicFiles {
  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> WORLD_READABLE =
      PosixFilePermissions.fromString("rw-r--r--");

  private AtomicFiles() {}

  /**
   * Replaces {@code file} with {@code text} (US-ASCII): writes a temporary sibling created with
   * the final mode (0600 if {@code secret}, else 0644, where the file system has POSIX modes),
   * then moves it into place, atomically where the file system can. The directory must exist.
   */
  public static void writeAscii(Path file, String text, boolean secret) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    Path tmp = posix
        ? Files.createTempFile(dir, file.getFileName() + ".", ".tmp",
            PosixFilePermissions.asFileAttribute(secret ? OWNER_ONLY : WORLD_READABLE))
        : Files.createTempFile(dir, file.getFileName() + ".", ".tmp");
    try {
      Files.writeString(tmp, text, StandardCharsets.US_ASCII);
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

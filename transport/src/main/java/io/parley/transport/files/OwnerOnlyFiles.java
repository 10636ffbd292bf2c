package io.parley.transport.files;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * Creates directories and files readable by their owner only: a relay's store holds queue ids,
 * authorization keys and messages waiting for delivery, and a data directory's lock file sits
 * beside such things; no other local user should read them. Where the file system has no POSIX
 * modes the directory's own access rules apply. Stateless.
 */
public final class OwnerOnlyFiles {
  /** Mode of every file created here. */
  public static final Set<PosixFilePermission> FILE_MODE =
      PosixFilePermissions.fromString("rw-------");
  /** Mode of a directory created here. */
  public static final Set<PosixFilePermission> DIRECTORY_MODE =
      PosixFilePermissions.fromString("rwx------");
  private static final boolean POSIX =
      FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

  private OwnerOnlyFiles() {}

  /** {@link FileChannel#open}, a created file getting {@link #FILE_MODE}. */
  public static FileChannel open(Path path, OpenOption... options) throws IOException {
    Set<OpenOption> set = new HashSet<>(Arrays.asList(options));
    return POSIX
        ? FileChannel.open(path, set, PosixFilePermissions.asFileAttribute(FILE_MODE))
        : FileChannel.open(path, set);
  }

  /**
   * Creates {@code dir} with {@link #DIRECTORY_MODE}, or narrows an existing one to it: a store
   * directory made by an older relay was world-readable.
   */
  public static void createDirectory(Path dir) throws IOException {
    if (!POSIX) {
      Files.createDirectories(dir);
      return;
    }
    FileAttribute<Set<PosixFilePermission>> mode =
        PosixFilePermissions.asFileAttribute(DIRECTORY_MODE);
    Files.createDirectories(dir, mode);
    if (!Files.getPosixFilePermissions(dir).equals(DIRECTORY_MODE)) {
      Files.setPosixFilePermissions(dir, DIRECTORY_MODE);
    }
  }
}

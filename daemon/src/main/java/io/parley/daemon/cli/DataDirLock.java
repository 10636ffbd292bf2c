package io.parley.daemon.cli;

import io.parley.transport.files.DirectoryLock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * An exclusive OS lock on {@code <dataDir>/}{@value #FILE_NAME}, so two daemons never share one
 * database and relay store. The OS drops the lock when the process dies, so a crash leaves
 * nothing to clean up. Thread-safe; {@link #close()} is idempotent.
 */
final class DataDirLock implements AutoCloseable {
  /** Lock file name inside the data directory. */
  static final String FILE_NAME = "parleyd.lock";

  private final DirectoryLock lock;

  private DataDirLock(DirectoryLock lock) {
    this.lock = lock;
  }

  /**
   * Creates {@code dataDir} (mode 0700 where supported) if missing and locks it.
   *
   * @throws StartupException if the directory cannot be created or another process holds it
   */
  static DataDirLock acquire(Path dataDir) throws StartupException {
    try {
      createPrivateDirectory(dataDir);
    } catch (IOException e) {
      throw new StartupException("cannot create the data directory " + dataDir + ": " + e, e);
    }
    DirectoryLock lock;
    try {
      lock = DirectoryLock.tryAcquire(dataDir, FILE_NAME);
    } catch (IOException e) {
      throw new StartupException("cannot lock " + dataDir.resolve(FILE_NAME) + ": " + e, e);
    }
    if (lock == null) {
      throw new StartupException("another parleyd is using " + dataDir);
    }
    return new DataDirLock(lock);
  }

  private static void createPrivateDirectory(Path dir) throws IOException {
    if (Files.isDirectory(dir)) {
      return;
    }
    if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      Files.createDirectories(dir,
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    } else {
      Files.createDirectories(dir);
    }
  }

  @Override
  public void close() {
    lock.close();
  }
}

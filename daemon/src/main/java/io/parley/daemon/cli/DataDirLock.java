package io.parley.daemon.cli;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * An exclusive OS lock on {@code <dataDir>/}{@value #FILE_NAME}, so two daemons never share one
 * database and relay store. The OS drops the lock when the process dies, so a crash leaves
 * nothing to clean up. Thread-safe; {@link #close()} is idempotent.
 */
final class DataDirLock implements AutoCloseable {
  /** Lock file name inside the data directory. */
  static final String FILE_NAME = "parleyd.lock";

  private final FileChannel channel;
  private final FileLock lock;

  private DataDirLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
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
    Path file = dataDir.resolve(FILE_NAME);
    FileChannel channel;
    try {
      channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new StartupException("cannot open " + file + ": " + e, e);
    }
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (IOException | OverlappingFileLockException e) {
      lock = null;
    }
    if (lock == null) {
      closeQuietly(channel);
      throw new StartupException("another parleyd is using " + dataDir);
    }
    return new DataDirLock(channel, lock);
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
  public synchronized void close() {
    if (channel.isOpen()) {
      try {
        lock.release();
      } catch (IOException e) {
        // Closing the channel below releases the lock anyway.
      }
      closeQuietly(channel);
    }
  }

  private static void closeQuietly(FileChannel channel) {
    try {
      channel.close();
    } catch (IOException e) {
      // Nothing was written; there is nothing to lose.
    }
  }
}

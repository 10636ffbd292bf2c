package io.parley.transport.files;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive OS lock on a lock file in a directory, held until {@link #close()}: one relay
 * store per store directory, one daemon per data directory. The OS drops the lock when the
 * process dies, so a crash leaves nothing to clean up; the empty file itself stays (deleting it
 * would race with the next opener). Thread-safe; {@link #close()} is idempotent.
 */
public final class DirectoryLock implements AutoCloseable {
  private final FileChannel channel;
  private final FileLock lock;

  private DirectoryLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Locks {@code dir/fileName}, creating the file if needed; {@code dir} must exist.
   *
   * @return the lock, or null if another process, or another holder in this JVM, has it
   * @throws IOException if the file cannot be opened or the file system cannot lock
   */
  public static DirectoryLock tryAcquire(Path dir, String fileName) throws IOException {
    FileChannel channel = OwnerOnlyFiles.open(dir.resolve(fileName), StandardOpenOption.CREATE,
        StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null; // this JVM holds it already
    } catch (IOException e) {
      closeQuietly(channel);
      throw e;
    }
    if (lock == null) {
      closeQuietly(channel);
      return null;
    }
    return new DirectoryLock(channel, lock);
  }

  /** Releases the lock. */
  @Override
  public synchronized void close() {
    if (channel.isOpen()) {
      try {
        lock.release();
      } catch (IOException e) {
        // Closing the channel below releases it anyway.
      }
      closeQuietly(channel);
    }
  }

  private static void closeQuietly(FileChannel channel) {
    try {
      channel.close();
    } catch (IOException e) {
      // Nothing was written to the lock file; there is nothing to lose.
    }
  }
}

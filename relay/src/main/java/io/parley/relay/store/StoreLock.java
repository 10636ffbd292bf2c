package io.parley.relay.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive OS lock on {@code <store dir>/}{@value #FILE_NAME}, held from before a store
 * touches its files until they are closed, so two relays (processes, or stores in one JVM)
 * never write one journal. The OS drops the lock when the process dies, so a crash leaves
 * nothing to clean up; the empty file itself stays (deleting it would race with the next
 * opener). Thread-safe; {@link #close()} is idempotent.
 */
final class StoreLock implements AutoCloseable {
  /** Lock file name inside the store directory. */
  static final String FILE_NAME = "relay.lock";

  private final FileChannel channel;
  private final FileLock lock;

  private StoreLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Locks {@code dir}, which must exist.
   *
   * @throws StoreLockedException if another store holds it
   * @throws StoreException if the lock file cannot be opened or the file system cannot lock
   */
  static StoreLock acquire(Path dir) throws StoreException {
    Path file = dir.resolve(FILE_NAME);
    FileChannel channel;
    try {
      channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new StoreException("cannot open " + file, e);
    }
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null; // this JVM holds it: another store in the same process
    } catch (IOException e) {
      closeQuietly(channel);
      throw new StoreException("cannot lock the store directory " + dir, e);
    }
    if (lock == null) {
      closeQuietly(channel);
      throw new StoreLockedException(dir);
    }
    return new StoreLock(channel, lock);
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

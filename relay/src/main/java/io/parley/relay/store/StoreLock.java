package io.parley.relay.store;

import io.parley.transport.files.DirectoryLock;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The store directory's {@link DirectoryLock} on {@value #FILE_NAME}, held from before a store
 * touches its files until they are closed, so two relays (processes, or stores in one JVM)
 * never write one journal; failures are the store's typed exceptions. Thread-safe;
 * {@link #close()} is idempotent.
 */
final class StoreLock implements AutoCloseable {
  /** Lock file name inside the store directory. */
  static final String FILE_NAME = "relay.lock";

  private final DirectoryLock lock;

  private StoreLock(DirectoryLock lock) {
    this.lock = lock;
  }

  /**
   * Locks {@code dir}, which must exist.
   *
   * @throws StoreLockedException if another store holds it
   * @throws StoreException if the lock file cannot be opened or the file system cannot lock
   */
  static StoreLock acquire(Path dir) throws StoreException {
    DirectoryLock lock;
    try {
      lock = DirectoryLock.tryAcquire(dir, FILE_NAME);
    } catch (IOException e) {
      throw new StoreException("cannot lock the store directory " + dir, e);
    }
    if (lock == null) {
      throw new StoreLockedException(dir);
    }
    return new StoreLock(lock);
  }

  /** Releases the lock. */
  @Override
  public void close() {
    lock.close();
  }
}

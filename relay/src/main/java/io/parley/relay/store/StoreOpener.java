package io.parley.relay.store;

import io.parley.transport.files.OwnerOnlyFiles;
import java.io.IOException;
import java.util.function.Function;

/**
 * Opens a persistent store's directory in the one safe order: lock it (before touching any
 * file, so a refused second relay deletes or rewrites nothing), remove half-written files,
 * recover, then compact and start writing. If any step fails the lock is released again.
 * Stateless.
 */
final class StoreOpener {
  private StoreOpener() {}

  /**
   * @param create builds the in-memory store from the recovered state
   * @throws StoreLockedException if another store has the directory open
   * @throws StoreException if the directory cannot be prepared, read or written
   */
  static JournalRelayStore open(StoreConfig config, StoreTuning tuning,
      Function<RecoveredState, JournalRelayStore> create) throws StoreException {
    StoreFiles files = new StoreFiles(config.dataDirectory());
    try {
      OwnerOnlyFiles.createDirectory(files.dir());
    } catch (IOException e) {
      throw new StoreException("cannot create the store directory " + files.dir(), e);
    }
    StoreLock lock = StoreLock.acquire(files.dir());
    try {
      try {
        files.deleteTemps();
      } catch (IOException e) {
        throw new StoreException("cannot prepare the store directory " + files.dir(), e);
      }
      StoreRecovery.Result recovered = StoreRecovery.recover(files);
      JournalRelayStore store = create.apply(recovered.state());
      store.attach(DiskPersistence.start(files, tuning, config, store.liveView(),
          recovered.lastSegment()), lock);
      return store;
    } catch (StoreException | RuntimeException e) {
      lock.close();
      throw e;
    }
  }
}

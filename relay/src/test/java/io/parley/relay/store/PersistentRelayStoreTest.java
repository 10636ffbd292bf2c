package io.parley.relay.store;

import io.parley.relay.store.StoreConfig.FsyncPolicy;
import java.nio.file.Path;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.io.TempDir;

/** The contract against stores persisted in a directory, under each fsync policy. */
class PersistentRelayStoreTest {

  @Nested
  class GroupCommit extends RelayStoreContractTest {
    @TempDir
    Path dir;

    @Override
    protected RelayStore newStore(int quota) throws Exception {
      return JournalRelayStore.open(StoreConfig.persistent(dir.resolve("store" + System.nanoTime()))
          .withQueueQuota(quota));
    }
  }

  @Nested
  class IntervalFsync extends RelayStoreContractTest {
    @TempDir
    Path dir;

    @Override
    protected RelayStore newStore(int quota) throws Exception {
      return JournalRelayStore.open(StoreConfig.persistent(dir.resolve("store" + System.nanoTime()))
          .withQueueQuota(quota).withFsyncPolicy(FsyncPolicy.INTERVAL).withFsyncIntervalMillis(5));
    }
  }
}

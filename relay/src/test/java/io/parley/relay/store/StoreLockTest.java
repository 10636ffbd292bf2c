package io.parley.relay.store;

import static io.parley.relay.store.RelayStoreContractTest.newQueue;
import static io.parley.relay.store.RelayStoreContractTest.send;
import static io.parley.relay.store.RelayStoreContractTest.take;
import static io.parley.relay.store.RelayStoreContractTest.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.relay.store.StoreConfig.FsyncPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One writer per store directory: the lock taken at open and released at close. */
class StoreLockTest {
  @TempDir
  Path dir;

  private List<String> listing() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName() + ":" + sizeOf(p)).sorted().toList();
    }
  }

  private static long sizeOf(Path p) {
    try {
      return Files.size(p);
    } catch (IOException e) {
      return -1;
    }
  }

  @Test
  void aSecondStoreOnTheSameDirectoryIsRefusedWithoutTouchingAnyFile() throws Exception {
    JournalRelayStore first = StoreTestSupport.open(dir);
    QueueRecord q = newQueue(first);
    send(first, q, "kept", 1);
    // A half-written file the first store might still be writing: an unlocked open deletes it.
    Path inFlight = StoreFiles.temp(dir.resolve("journal-000000000042.seg"));
    Files.write(inFlight, new byte[] {1, 2, 3});
    List<String> before = listing();

    StoreLockedException e =
        assertThrows(StoreLockedException.class, () -> StoreTestSupport.open(dir));
    assertEquals(dir, e.directory());
    assertEquals("another relay is using the store directory " + dir, e.getMessage());
    assertEquals(before, listing());
    assertTrue(Files.exists(inFlight));

    send(first, q, "still writable", 2);
    first.close();
  }

  @Test
  void afterCloseTheDirectoryOpensAgainWithEverythingInIt() throws Exception {
    JournalRelayStore first = StoreTestSupport.open(dir);
    QueueRecord q = newQueue(first);
    send(first, q, "m0", 1);
    first.close();

    JournalRelayStore second = StoreTestSupport.open(dir);
    assertEquals("m0", text(take(second, q)));
    second.close();
    JournalRelayStore.open(StoreConfig.persistent(dir)).close();
  }

  @Test
  void aStoreThatFailsToOpenLeavesTheDirectoryUnlocked() throws Exception {
    JournalRelayStore s = StoreTestSupport.open(dir);
    newQueue(s);
    s.close();
    Files.copy(StoreTestSupport.lastSegment(dir), dir.resolve(StoreFiles.QUEUE_LOG),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);

    assertThrows(StoreCorruptedException.class, () -> StoreTestSupport.open(dir));
    StoreLock.acquire(dir).close();
  }

  @Test
  void closeReleasesTheDirectoryEvenWhenTheFinalFlushFails() throws Exception {
    StoreDiskFailureTest.Switches switches = new StoreDiskFailureTest.Switches();
    StoreTuning hooked = new StoreTuning(HookedChannel.opener(switches),
        StoreTuning.DEFAULT_COMPACTION_MIN_BYTES, StoreTuning.DEFAULT_MAX_SEGMENT_BYTES);
    JournalRelayStore s = StoreTestSupport.open(StoreTestSupport.config(dir, FsyncPolicy.INTERVAL)
        .withFsyncIntervalMillis(TimeUnit.HOURS.toMillis(1)), hooked);
    QueueRecord q = newQueue(s);
    send(s, q, "written, not yet fsynced", 1);
    switches.failForce = true;

    StoreException e = assertThrows(StoreException.class, s::close);
    assertFalse(e instanceof StoreLockedException);
    JournalRelayStore reopened = StoreTestSupport.open(dir);
    assertEquals("written, not yet fsynced", text(take(reopened, q)));
    reopened.close();
  }
}

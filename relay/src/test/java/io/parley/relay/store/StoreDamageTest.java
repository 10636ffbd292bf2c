package io.parley.relay.store;

import static io.parley.relay.store.RelayStoreContractTest.newQueue;
import static io.parley.relay.store.RelayStoreContractTest.send;
import static io.parley.relay.store.RelayStoreContractTest.take;
import static io.parley.relay.store.RelayStoreContractTest.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.protocol.command.QueueMode;
import io.parley.testkit.Await;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How a persistent store opens over files a crash or a bad disk left damaged. */
class StoreDamageTest {
  @TempDir
  Path dir;

  /** Creates one queue holding messages "m0".."m{count-1}" and closes the store. */
  private QueueRecord storeWithMessages(int count) throws Exception {
    JournalRelayStore s = StoreTestSupport.open(dir);
    QueueRecord q = newQueue(s);
    for (int i = 0; i < count; i++) {
      send(s, q, "m" + i, i);
    }
    s.close();
    return q;
  }

  @Test
  void journalCutInsideItsLastRecordLosesOnlyThatRecordAndStaysWritable() throws Exception {
    QueueRecord q = storeWithMessages(5);
    StoreTestSupport.truncateBy(StoreTestSupport.lastSegment(dir), 3);

    JournalRelayStore r = StoreTestSupport.open(dir);
    for (int i = 0; i < 4; i++) {
      assertEquals("m" + i, text(r.peek(q.recipientId()).orElseThrow()));
      take(r, q);
    }
    assertTrue(r.peek(q.recipientId()).isEmpty());
    send(r, q, "after-repair", 9);
    r.close();

    JournalRelayStore again = StoreTestSupport.open(dir);
    assertEquals("after-repair", text(take(again, q)));
    again.close();
  }

  @Test
  void garbageAfterTheLastRecordOfEitherFileIsDroppedOnOpen() throws Exception {
    QueueRecord q = storeWithMessages(3);
    byte[] garbage = new byte[300];
    new Random(42).nextBytes(garbage);
    StoreTestSupport.appendBytes(StoreTestSupport.lastSegment(dir), garbage);
    StoreTestSupport.appendBytes(dir.resolve(StoreFiles.QUEUE_LOG), garbage);
    StoreTestSupport.appendBytes(StoreTestSupport.lastSegment(dir), new byte[4096]);

    JournalRelayStore r = StoreTestSupport.open(dir);
    assertEquals(1, r.queueCount());
    for (int i = 0; i < 3; i++) {
      assertEquals("m" + i, text(take(r, q)));
    }
    r.close();
    JournalRelayStore again = StoreTestSupport.open(dir);
    assertEquals(1, again.queueCount());
    again.close();
  }

  @Test
  void damagedRecordInTheMiddleOfTheJournalIsATypedErrorNamingFileAndOffset()
      throws Exception {
    storeWithMessages(5);
    Path segment = StoreTestSupport.lastSegment(dir);
    List<Long> frames = StoreTestSupport.frameOffsets(segment);
    assertEquals(6, frames.size()); // header and five appends
    long second = frames.get(2);
    StoreTestSupport.flipByte(segment, frames.get(3) - 1); // last body byte of "m1"

    StoreCorruptedException e =
        assertThrows(StoreCorruptedException.class, () -> StoreTestSupport.open(dir));
    assertEquals(segment, e.file());
    assertEquals(second, e.offset());
    assertTrue(e.getMessage().contains(segment.getFileName().toString()));
    assertTrue(e.getMessage().contains(Long.toString(second)));
  }

  @Test
  void damagedLengthInTheMiddleOfTheQueueLogIsATypedErrorToo() throws Exception {
    JournalRelayStore s = StoreTestSupport.open(dir);
    for (int i = 0; i < 3; i++) {
      Await.result(s.createQueue(RelayStoreContractTest.key(1), RelayStoreContractTest.key(2),
          QueueMode.MESSAGING));
    }
    s.close();
    Path log = dir.resolve(StoreFiles.QUEUE_LOG);
    long first = StoreTestSupport.frameOffsets(log).get(1);
    StoreTestSupport.flipByte(log, first + 3); // low byte of the first queue's length

    StoreCorruptedException e =
        assertThrows(StoreCorruptedException.class, () -> StoreTestSupport.open(dir));
    assertEquals(log, e.file());
    assertEquals(first, e.offset());
  }

  @Test
  void fileOfAnotherKindInPlaceOfTheQueueLogIsRefused() throws Exception {
    storeWithMessages(1);
    Files.copy(StoreTestSupport.lastSegment(dir), dir.resolve(StoreFiles.QUEUE_LOG),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);

    StoreCorruptedException e =
        assertThrows(StoreCorruptedException.class, () -> StoreTestSupport.open(dir));
    assertEquals(0, e.offset());
  }

  @Test
  void halfWrittenSnapshotLeftByACrashIsIgnored() throws Exception {
    QueueRecord q = storeWithMessages(2);
    Path temp = StoreFiles.temp(dir.resolve("journal-000000000099.seg"));
    Files.write(temp, new byte[] {1, 2, 3});

    JournalRelayStore r = StoreTestSupport.open(dir);
    assertEquals("m0", text(take(r, q)));
    assertEquals("m1", text(take(r, q)));
    assertTrue(Files.notExists(temp));
    r.close();
  }
}

package io.parley.relay.store;

import static io.parley.relay.store.RelayStoreContractTest.body;
import static io.parley.relay.store.RelayStoreContractTest.key;
import static io.parley.relay.store.RelayStoreContractTest.newQueue;
import static io.parley.relay.store.RelayStoreContractTest.send;
import static io.parley.relay.store.RelayStoreContractTest.take;
import static io.parley.relay.store.RelayStoreContractTest.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.protocol.command.QueueMode;
import io.parley.relay.store.StoreConfig.FsyncPolicy;
import java.io.IOException;
import io.parley.testkit.Await;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When futures complete relative to fsync, and what failing writes and fsyncs do. */
class StoreDiskFailureTest {
  @TempDir
  Path dir;

  /** Hooks a test arms after the store has opened (opening writes and fsyncs too). */
  static final class Switches implements HookedChannel.Hooks {
    volatile boolean failWrites;
    volatile boolean failForce;
    volatile boolean tear;
    volatile CountDownLatch forceEntered;
    volatile CountDownLatch forceRelease;
    final AtomicInteger forces = new AtomicInteger();
    final AtomicInteger writes = new AtomicInteger();

    @Override
    public void beforeWrite() throws IOException {
      writes.incrementAndGet();
      if (failWrites) {
        throw new IOException("injected write failure");
      }
    }

    @Override
    public boolean tearNextWrite() {
      return tear;
    }

    @Override
    public void beforeForce() throws IOException {
      forces.incrementAndGet();
      if (failForce) {
        throw new IOException("injected fsync failure");
      }
      CountDownLatch entered = forceEntered;
      if (entered != null) {
        entered.countDown();
        try {
          forceRelease.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }

  private final Switches switches = new Switches();

  private JournalRelayStore open(FsyncPolicy policy, long intervalMillis) throws Exception {
    StoreTuning hooked = new StoreTuning(HookedChannel.opener(switches),
        StoreTuning.DEFAULT_COMPACTION_MIN_BYTES, StoreTuning.DEFAULT_MAX_SEGMENT_BYTES);
    return StoreTestSupport.open(StoreTestSupport.config(dir, policy)
        .withFsyncIntervalMillis(intervalMillis), hooked);
  }

  @Test
  void groupCommitCompletesAnAppendOnlyAfterItsFsyncReturned() throws Exception {
    JournalRelayStore s = open(FsyncPolicy.ALWAYS, 1);
    QueueRecord q = newQueue(s);
    switches.forceRelease = new CountDownLatch(1);
    switches.forceEntered = new CountDownLatch(1);

    CompletableFuture<AppendResult> f = s.append(q.recipientId(), false, body("x"), 1);
    assertTrue(switches.forceEntered.await(10, TimeUnit.SECONDS));
    assertFalse(f.isDone(), "append completed while its fsync was still running");
    switches.forceRelease.countDown();
    assertInstanceOf(AppendResult.Appended.class, Await.result(f));
    switches.forceEntered = null;
    s.close();
  }

  @Test
  void aBatchOfOnlyRemovalsIsWrittenButNotForcedAndTheNextAppendForcesIt() throws Exception {
    JournalRelayStore s = open(FsyncPolicy.ALWAYS, 1);
    QueueRecord q = newQueue(s);
    send(s, q, "first", 1);
    int forcesBefore = switches.forces.get();
    int writesBefore = switches.writes.get();

    assertTrue(s.remove(q.recipientId(), s.peek(q.recipientId()).orElseThrow().msgId()));
    Await.until("the removal is written", Duration.ofSeconds(10),
        () -> switches.writes.get() > writesBefore);
    send(s, q, "second", 2);
    assertEquals(forcesBefore + 1, switches.forces.get(), "one fsync: the second append's");
    s.close();

    JournalRelayStore r = StoreTestSupport.open(dir);
    assertEquals("second", text(take(r, q)), "the removal was kept");
    assertTrue(r.peek(q.recipientId()).isEmpty());
    r.close();
  }

  @Test
  void intervalPolicyCompletesAnAppendOnceWrittenWithoutWaitingForFsync() throws Exception {
    JournalRelayStore s = open(FsyncPolicy.INTERVAL, TimeUnit.HOURS.toMillis(1));
    QueueRecord q = newQueue(s);
    int forcesBefore = switches.forces.get();

    send(s, q, "fast", 1);
    assertEquals(forcesBefore, switches.forces.get());
    s.close();
    assertTrue(switches.forces.get() > forcesBefore, "close must fsync what was written");
  }

  @Test
  void failedWriteFailsTheFutureAndTheMessageIsNeitherDeliveredNorKept() throws Exception {
    JournalRelayStore s = open(FsyncPolicy.ALWAYS, 1);
    QueueRecord q = newQueue(s);
    switches.failWrites = true;
    assertInstanceOf(StoreException.class,
        Await.failure(s.append(q.recipientId(), false, body("lost"), 1)));
    assertInstanceOf(StoreException.class,
        Await.failure(s.createQueue(key(1), key(2), QueueMode.MESSAGING)));
    assertTrue(s.peek(q.recipientId()).isEmpty());
    assertEquals(1, s.queueCount());

    switches.failWrites = false;
    send(s, q, "kept", 2);
    s.close();
    JournalRelayStore r = StoreTestSupport.open(dir);
    assertEquals(1, r.queueCount());
    assertEquals("kept", text(take(r, q)));
    assertTrue(r.peek(q.recipientId()).isEmpty());
    r.close();
  }

  @Test
  void batchWhoseWriteFailedIsCutBackSoItsRecordsNeverReappear() throws Exception {
    JournalRelayStore s = open(FsyncPolicy.ALWAYS, 1);
    QueueRecord q = newQueue(s);
    // Hold the committer in the fsync of "first" so the next two appends form one batch.
    switches.forceRelease = new CountDownLatch(1);
    switches.forceEntered = new CountDownLatch(1);
    CompletableFuture<AppendResult> first = s.append(q.recipientId(), false, body("first"), 1);
    assertTrue(switches.forceEntered.await(10, TimeUnit.SECONDS));
    CompletableFuture<AppendResult> longOne =
        s.append(q.recipientId(), false, new byte[2000], 2);
    CompletableFuture<AppendResult> shortOne = s.append(q.recipientId(), false, body("b"), 3);
    switches.forceEntered = null;
    switches.tear = true;
    switches.forceRelease.countDown();
    assertInstanceOf(AppendResult.Appended.class, Await.result(first));
    assertInstanceOf(StoreException.class, Await.failure(longOne));
    assertInstanceOf(StoreException.class, Await.failure(shortOne));
    switches.tear = false;
    send(s, q, "c", 4);
    s.close();

    JournalRelayStore r = StoreTestSupport.open(dir);
    assertEquals("first", text(take(r, q)));
    assertEquals("c", text(take(r, q)));
    assertTrue(r.peek(q.recipientId()).isEmpty());
    r.close();
  }

  @Test
  void failedFsyncFailsThatWriteAndRefusesEveryLaterOne() throws Exception {
    JournalRelayStore s = open(FsyncPolicy.ALWAYS, 1);
    QueueRecord q = newQueue(s);
    switches.failForce = true;
    assertInstanceOf(StoreException.class,
        Await.failure(s.append(q.recipientId(), false, body("unsure"), 1)));
    switches.failForce = false;

    assertInstanceOf(StoreException.class,
        Await.failure(s.append(q.recipientId(), false, body("refused"), 2)));
    assertTrue(s.peek(q.recipientId()).isEmpty());
    s.close();
  }

  @Test
  void writesAfterCloseFailWithStoreException() throws Exception {
    JournalRelayStore s = open(FsyncPolicy.ALWAYS, 1);
    QueueRecord q = newQueue(s);
    s.close();
    assertInstanceOf(StoreException.class,
        Await.failure(s.append(q.recipientId(), false, body("late"), 1)));
  }
}

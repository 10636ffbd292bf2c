package io.parley.agent.internal.store;

import static io.parley.agent.internal.store.StoreFixtures.WAIT_SECONDS;
import static io.parley.agent.internal.store.StoreFixtures.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.protocol.crypto.SecureRandoms;
import io.parley.testkit.Await;
import java.nio.file.Path;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GroupCommitTest {
  @TempDir Path dir;
  private Database db;

  @BeforeEach
  void open() throws Exception {
    db = Database.open(dir);
  }

  @AfterEach
  void close() {
    db.close();
  }

  @Test
  void manyConcurrentWritesAllCommitInFewerTransactionsThanUnits() throws Exception {
    String connectionId = write(db, StoreFixtures::connection).id();
    int threads = 8;
    int perThread = 50;
    long commitsBefore = db.commits();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<List<CompletableFuture<Long>>>> submitted = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        submitted.add(pool.submit(() -> {
          List<CompletableFuture<Long>> mine = new ArrayList<>();
          for (int i = 0; i < perThread; i++) {
            mine.add(db.write(tx -> tx.events().append("test", connectionId, "{}")));
          }
          return mine;
        }));
      }
      for (Future<List<CompletableFuture<Long>>> f : submitted) {
        for (CompletableFuture<Long> w : f.get(WAIT_SECONDS, TimeUnit.SECONDS)) {
          assertTrue(Await.result(w) > 0);
        }
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(threads * perThread, db.read(tx -> tx.events().after(0, 1000)).size());
    long commits = db.commits() - commitsBefore;
    assertTrue(commits < threads * perThread,
        commits + " commits for " + threads * perThread + " units");
  }

  @Test
  void aFailingUnitFailsOnlyItselfAndTheRestOfItsBatchCommits() throws Exception {
    BlockedWriter blocked = blockWriter();
    // Queued while the writer is busy, so the writer takes all three as one batch.
    CompletableFuture<ConnectionRow> first = db.write(StoreFixtures::connection);
    IllegalStateException boom = new IllegalStateException("unit failed on purpose");
    CompletableFuture<Object> failing = db.write(tx -> {
      StoreFixtures.connection(tx);
      tx.events().append("should.vanish", null, "{}");
      throw boom;
    });
    CompletableFuture<ConnectionRow> third = db.write(StoreFixtures::connection);
    long commitsBefore = db.commits();
    blocked.release();

    assertSame(boom, Await.failure(failing));
    Set<String> committed = Set.of(Await.result(first).id(), Await.result(third).id());
    assertEquals(2, db.commits() - commitsBefore, "the blocker's batch, then the other three");
    assertEquals(committed, db.read(tx -> tx.connections().list()).stream()
        .map(ConnectionRow::id).collect(Collectors.toSet()));
    assertEquals(0, db.read(tx -> tx.events().after(0, 10)).size());
  }

  @Test
  void aUnitsChangesAreInvisibleToReadersUntilItsBatchCommits() throws Exception {
    CountDownLatch inserted = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture<String> unit = db.write(tx -> {
      ConnectionRow row = StoreFixtures.connection(tx);
      tx.events().append("connection.created", row.id(), "{}");
      inserted.countDown();
      awaitLatch(release);
      return row.id();
    });
    assertTrue(inserted.await(WAIT_SECONDS, TimeUnit.SECONDS));

    assertEquals(0, db.read(tx -> tx.connections().list()).size());
    assertEquals(0, db.read(tx -> tx.events().after(0, 10)).size());
    assertFalse(unit.isDone());

    release.countDown();
    String id = Await.result(unit);
    assertEquals(id, db.read(tx -> tx.connections().get(id)).id());
    assertEquals(1, db.read(tx -> tx.events().after(0, 10)).size());
  }

  @Test
  void aReceiveUnitThatThrowsAfterWritingMessageRatchetAndEventLeavesNoTrace() throws Exception {
    ConnectionRow conn = write(db, StoreFixtures::connection);
    byte[] oldRatchet = write(db, tx -> {
      byte[] r = SecureRandoms.bytes(100);
      tx.connections().setRatchet(conn.id(), r);
      return r;
    });
    CompletableFuture<Object> receive = db.write(tx -> {
      tx.inbox().insert(InMessageRow.received(conn.id(), 1, "hi", MsgIntegrity.OK,
          SecureRandoms.bytes(32), tx.now()));
      tx.connections().advanceReceiving(conn.id(), 1, SecureRandoms.bytes(32),
          SecureRandoms.bytes(100));
      tx.events().append("message.received", conn.id(), "{\"text\":\"hi\"}");
      throw new StoreException("simulated failure before the ACK");
    });

    assertInstanceOf(StoreException.class, Await.failure(receive));
    ConnectionRow after = db.read(tx -> tx.connections().get(conn.id()));
    assertEquals(0, after.rcvLastMsgId());
    assertNull(after.rcvLastHash());
    assertArrayEquals(oldRatchet, after.ratchet());
    assertEquals(0, db.read(tx -> tx.inbox().latest(conn.id(), 10)).size());
    assertEquals(0, db.read(tx -> tx.events().after(0, 10)).size());
  }

  @Test
  void aFailedCommitFailsEveryUnitOfTheBatchAsUnavailableAndStoresNothing() throws Exception {
    BlockedWriter blocked = blockWriter();
    CompletableFuture<ConnectionRow> healthy = db.write(StoreFixtures::connection);
    // A deferred foreign-key violation passes every statement and makes COMMIT itself fail,
    // the same path a full disk or an I/O error takes.
    CompletableFuture<Object> poison = db.write(tx -> {
      try (Statement s = tx.sql().connection().createStatement()) {
        s.execute("PRAGMA defer_foreign_keys = ON");
        s.executeUpdate("INSERT INTO snd_queues (connection_id, relay, sender_id, snd_auth_key,"
            + " e2e_key, e2e_peer_key, status, created_at, updated_at)"
            + " VALUES ('missing', 'r', x'01', x'02', x'03', x'04', 'new', 0, 0)");
      }
      return null;
    });
    blocked.release();

    assertInstanceOf(StoreUnavailableException.class, Await.failure(healthy));
    assertInstanceOf(StoreUnavailableException.class, Await.failure(poison));
    assertEquals(0, db.read(tx -> tx.connections().list()).size());
    // The writer recovers: the next unit commits normally.
    String id = write(db, StoreFixtures::connection).id();
    assertEquals(id, db.read(tx -> tx.connections().get(id)).id());
  }

  @Test
  void closingDrainsQueuedWritesBeforeReturning() throws Exception {
    BlockedWriter blocked = blockWriter();
    List<CompletableFuture<ConnectionRow>> queued = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      queued.add(db.write(StoreFixtures::connection));
    }
    Thread closer = new Thread(db::close);
    closer.start();
    blocked.release();
    closer.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
    assertFalse(closer.isAlive());

    for (CompletableFuture<ConnectionRow> f : queued) {
      assertTrue(f.isDone() && !f.isCompletedExceptionally());
    }
    assertInstanceOf(StoreUnavailableException.class,
        Await.failure(db.write(StoreFixtures::connection)));
    try (Database reopened = Database.open(dir)) {
      assertEquals(100, reopened.read(tx -> tx.connections().list()).size());
    }
  }

  @Test
  void aWriteSubmittedFromInsideAUnitFailsInsteadOfDeadlocking() throws Exception {
    CompletableFuture<Object> inner = write(db, tx -> db.write(StoreFixtures::connection));
    Throwable e = Await.failure(inner);
    assertInstanceOf(StoreException.class, e);
    assertTrue(e.getMessage().contains("inside a write unit"), e.getMessage());
  }

  @Test
  void aFullWriteQueueFailsFastAsUnavailable() throws Exception {
    db.close();
    db = Database.open(dir, StoreConfig.defaults().withMaxQueuedWrites(2));
    BlockedWriter blocked = blockWriter();
    CompletableFuture<Object> queued1 = db.write(tx -> null);
    CompletableFuture<Object> queued2 = db.write(tx -> null);
    CompletableFuture<Object> overflow = db.write(tx -> null);

    assertInstanceOf(StoreUnavailableException.class, Await.failure(overflow));
    blocked.release();
    assertNull(Await.result(queued1));
    assertNull(Await.result(queued2));
  }

  /** Occupies the writer thread inside a unit; returns once the writer is in it. */
  private BlockedWriter blockWriter() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture<Object> unit = db.write(tx -> {
      entered.countDown();
      return awaitLatch(release);
    });
    assertTrue(entered.await(WAIT_SECONDS, TimeUnit.SECONDS));
    return new BlockedWriter(release, unit);
  }

  private record BlockedWriter(CountDownLatch latch, CompletableFuture<Object> unit) {
    void release() throws Exception {
      latch.countDown();
      Await.result(unit);
    }
  }

  private static Object awaitLatch(CountDownLatch latch) throws InterruptedException {
    if (!latch.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
      throw new IllegalStateException("test latch never released");
    }
    return null;
  }
}

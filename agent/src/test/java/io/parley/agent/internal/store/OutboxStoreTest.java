package io.parley.agent.internal.store;

import static io.parley.agent.internal.store.StoreFixtures.textMessage;
import static io.parley.agent.internal.store.StoreFixtures.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.testkit.Await;
import io.parley.testkit.SettableClock;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutboxStoreTest {
  private static final long T0 = 1_700_000_000_000L;

  @TempDir Path dir;
  private final SettableClock clock = SettableClock.atMillis(T0);
  private Database db;
  private String a;
  private String b;

  @BeforeEach
  void open() throws Exception {
    db = Database.open(dir, StoreConfig.defaults().withClock(clock));
    a = write(db, StoreFixtures::connection).id();
    b = write(db, StoreFixtures::connection).id();
  }

  @AfterEach
  void close() {
    db.close();
  }

  @Test
  void everyTransitionIsRecordedInTheTimelineWithItsReasonAndTime() throws Exception {
    OutMessageRow m = textMessage(a, 1, null, T0);
    write(db, tx -> {
      tx.outbox().insert(m);
      return null;
    });
    clock.setMillis(T0 + 10);
    write(db, tx -> tx.outbox().scheduleRetry(m.id(), T0 + 100, "timeout"));
    assertArrayEquals(m.payload(), db.read(tx -> tx.outbox().get(m.id())).payload(),
        "a retry resends the stored bytes");
    clock.setMillis(T0 + 200);
    assertTrue((boolean) write(db, tx -> tx.outbox().markSent(m.id())));
    clock.setMillis(T0 + 300);
    assertTrue((boolean) write(db, tx -> tx.outbox().markDelivered(m.id())));

    assertEquals(List.of(
        new StatusChange(OutMessageStatus.QUEUED, null, T0),
        new StatusChange(OutMessageStatus.QUEUED, "timeout", T0 + 10),
        new StatusChange(OutMessageStatus.SENT, null, T0 + 200),
        new StatusChange(OutMessageStatus.DELIVERED, null, T0 + 300)),
        db.read(tx -> tx.outbox().timeline(m.id())));
    OutMessageRow row = db.read(tx -> tx.outbox().get(m.id()));
    assertEquals(OutMessageStatus.DELIVERED, row.status());
    assertEquals(1, row.attempts());
    assertEquals(T0 + 200, row.sentAt());
    assertEquals(T0 + 300, row.deliveredAt());
    assertNull(row.payload(), "the payload is deleted once the relay accepted the message");
  }

  @Test
  void plainStepsWriteNoTimelineRowsAndRowsFromAnOlderBuildAreNotShownTwice() throws Exception {
    OutMessageRow fresh = textMessage(a, 1, null, T0);
    OutMessageRow old = textMessage(a, 2, null, T0);
    write(db, tx -> {
      tx.outbox().insert(fresh);
      tx.outbox().insert(old);
      // What an older build wrote for every step.
      tx.sql().update("INSERT INTO message_status (message_id, status, reason, at)"
          + " VALUES (?, 'queued', NULL, ?), (?, 'sent', NULL, ?)", old.id(), T0, old.id(),
          T0 + 5);
      return null;
    });
    clock.setMillis(T0 + 5);
    write(db, tx -> tx.outbox().markSent(fresh.id()) && tx.outbox().markSent(old.id()));

    assertEquals("2", db.read(tx -> SqliteFiles.queryString(tx.sql().connection(),
        "SELECT count(*) FROM message_status")), "only the older build's rows");
    List<StatusChange> expected = List.of(
        new StatusChange(OutMessageStatus.QUEUED, null, T0),
        new StatusChange(OutMessageStatus.SENT, null, T0 + 5));
    assertEquals(expected, db.read(tx -> tx.outbox().timeline(fresh.id())));
    assertEquals(expected, db.read(tx -> tx.outbox().timeline(old.id())));
    assertEquals(List.of(), db.read(tx -> tx.outbox().timeline("no-such-message")));
  }

  @Test
  void transitionsOnlyGoForwardAndRecordNothingWhenRefused() throws Exception {
    OutMessageRow m = textMessage(a, 1, null, T0);
    write(db, tx -> {
      tx.outbox().insert(m);
      tx.outbox().markFailed(m.id(), "peer queue deleted");
      return null;
    });

    assertFalse((boolean) write(db, tx -> tx.outbox().markSent(m.id())));
    assertFalse((boolean) write(db, tx -> tx.outbox().markDelivered(m.id())));
    assertFalse((boolean) write(db, tx -> tx.outbox().scheduleRetry(m.id(), T0, "retry")));
    assertFalse((boolean) write(db, tx -> tx.outbox().markSent("no-such-message")));
    OutMessageRow row = db.read(tx -> tx.outbox().get(m.id()));
    assertEquals(OutMessageStatus.FAILED, row.status());
    assertEquals("peer queue deleted", row.failureReason());
    assertEquals(2, db.read(tx -> tx.outbox().timeline(m.id())).size());
    assertNull(row.payload(), "a failed message is never sent again");
  }

  @Test
  void anIdempotencyKeyIsUniquePerConnectionButMayRepeatAcrossConnections() throws Exception {
    OutMessageRow first = textMessage(a, 1, "key-1", T0);
    write(db, tx -> {
      tx.outbox().insert(first);
      tx.outbox().insert(textMessage(a, 2, null, T0));
      tx.outbox().insert(textMessage(a, 3, null, T0));
      return null;
    });

    Throwable duplicate = Await.failure(db.write(tx -> {
      tx.outbox().insert(textMessage(a, 4, "key-1", T0));
      return null;
    }));
    assertInstanceOf(StoreException.class, duplicate);
    assertEquals(first.id(), db.read(
        tx -> tx.outbox().findByIdempotencyKey(a, "key-1")).orElseThrow().id());
    write(db, tx -> {
      tx.outbox().insert(textMessage(b, 1, "key-1", T0));
      return null;
    });
    assertTrue(db.read(tx -> tx.outbox().findByIdempotencyKey(b, "key-1")).isPresent());
    assertTrue(db.read(tx -> tx.outbox().findByIdempotencyKey(b, "key-2")).isEmpty());
  }

  @Test
  void aMessageForAnUnknownConnectionIsRefused() throws Exception {
    Throwable e = Await.failure(db.write(tx -> {
      tx.outbox().insert(textMessage("no-such-connection", 1, null, T0));
      return null;
    }));
    assertInstanceOf(StoreException.class, e);
    assertTrue(e.getMessage().contains("FOREIGN KEY"), e.getMessage());
  }
}

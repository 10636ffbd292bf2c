package io.parley.agent.internal.store;

import static io.parley.agent.internal.store.StoreFixtures.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.testkit.Await;
import io.parley.testkit.SettableClock;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventStoreTest {
  private static final long T0 = 1_700_000_000_000L;

  @TempDir Path dir;
  private final SettableClock clock = SettableClock.atMillis(T0);
  private Database db;

  @BeforeEach
  void open() throws Exception {
    db = Database.open(dir, StoreConfig.defaults().withClock(clock));
  }

  @AfterEach
  void close() {
    db.close();
  }

  @Test
  void eventsComeBackInOrderPageByPageAfterAGivenSequenceNumber() throws Exception {
    append(25);

    List<EventRow> first = db.read(tx -> tx.events().after(0, 10));
    assertEquals(LongStream.rangeClosed(1, 10).boxed().toList(),
        first.stream().map(EventRow::seq).toList());
    assertEquals(LongStream.rangeClosed(11, 20).boxed().toList(),
        db.read(tx -> tx.events().after(10, 10)).stream().map(EventRow::seq).toList());
    assertEquals(5, db.read(tx -> tx.events().after(20, 10)).size());
    assertEquals(0, db.read(tx -> tx.events().after(25, 10)).size());
    EventRow e = first.get(2);
    assertEquals("message.received", e.type());
    assertEquals("c3", e.connectionId());
    assertEquals("{\"n\":3}", e.data());
    assertEquals(T0, e.time());
  }

  @Test
  void retentionDeletesOnlyOlderEventsAndSequenceNumbersAreNeverReused() throws Exception {
    append(3);
    clock.setMillis(T0 + 1_000);
    append(2);

    assertEquals(3, (int) write(db, tx -> tx.events().deleteOlderThan(T0 + 1_000)));
    assertEquals(OptionalLong.of(4), db.read(tx -> tx.events().oldestSeq()));
    assertEquals(5, (long) db.read(tx -> tx.events().latestSeq()));

    assertEquals(2, (int) write(db, tx -> tx.events().deleteOlderThan(T0 + 2_000)));
    assertEquals(OptionalLong.empty(), db.read(tx -> tx.events().oldestSeq()));
    assertEquals(5, (long) db.read(tx -> tx.events().latestSeq()));
    long next = write(db, tx -> tx.events().append("after.retention", null, "{}"));
    assertEquals(6, next);
  }

  @Test
  void retentionFindsTheCutOffInALongLogWithGapsLeftByEarlierRuns() throws Exception {
    for (int second = 0; second < 40; second++) {
      clock.setMillis(T0 + second * 1_000L);
      append(7);
    }
    assertEquals(70, (int) write(db, tx -> tx.events().deleteOlderThan(T0 + 10_000)));
    assertEquals(OptionalLong.of(71), db.read(tx -> tx.events().oldestSeq()));
    assertEquals(0, (int) write(db, tx -> tx.events().deleteOlderThan(T0 + 10_000)),
        "nothing older is left");
    assertEquals(7 * 29, (int) write(db, tx -> tx.events().deleteOlderThan(T0 + 39_000)),
        "all but the last second's events");
    assertEquals(OptionalLong.of(7 * 39 + 1), db.read(tx -> tx.events().oldestSeq()));
  }

  @Test
  void retentionNeverDeletesAnEventThatIsNotOldEnoughEvenAfterTheClockSteppedBack()
      throws Exception {
    append(3);
    clock.setMillis(T0 + 5_000);
    append(1); // seq 4, stamped before the clock stepped back
    clock.setMillis(T0 + 1_000);
    append(3); // seq 5..7

    write(db, tx -> tx.events().deleteOlderThan(T0 + 2_000));
    List<Long> kept = db.read(tx -> tx.events().after(0, 100)).stream().map(EventRow::seq)
        .toList();
    assertTrue(kept.contains(4L), "the event stamped T0 + 5 s is kept: " + kept);
    assertTrue(!kept.contains(1L) && !kept.contains(2L) && !kept.contains(3L),
        "the old head is gone: " + kept);
  }

  @Test
  void anEmptyLogHasNoOldestEventAndLatestSequenceZero() throws Exception {
    assertTrue(db.read(tx -> tx.events().oldestSeq()).isEmpty());
    assertEquals(0, (long) db.read(tx -> tx.events().latestSeq()));
  }

  @Test
  void eventDataThatIsNotJsonIsRefused() throws Exception {
    Throwable e = Await.failure(db.write(tx -> tx.events().append("bad", null, "{not json")));
    assertInstanceOf(StoreException.class, e);
    assertEquals(0, db.read(tx -> tx.events().after(0, 10)).size());
  }

  private void append(int count) throws Exception {
    long start = db.read(tx -> tx.events().latestSeq());
    write(db, tx -> {
      for (long n = start + 1; n <= start + count; n++) {
        tx.events().append("message.received", "c" + n, "{\"n\":" + n + "}");
      }
      return null;
    });
  }
}

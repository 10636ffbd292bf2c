package io.parley.agent.internal.store;

import static io.parley.agent.internal.store.StoreFixtures.WAIT_SECONDS;
import static io.parley.agent.internal.store.StoreFixtures.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.protocol.crypto.SecureRandoms;
import io.parley.testkit.Await;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Measures committed receive units per second (inbox insert + connection update + event, the
 * unit that precedes a relay ACK) with synchronous=FULL, grouped versus one commit per unit.
 * Prints the figures; asserts only correctness, never speed. Longer runs:
 * {@code -Dparley.store.measureMillis=10000}.
 */
class GroupCommitThroughputTest {
  private static final int SUBMITTERS = 8;
  private static final long DEFAULT_MEASURE_MILLIS = 1_500;
  private static final byte[] RATCHET = SecureRandoms.bytes(400);

  @TempDir Path dir;

  @Test
  void everyReceiveUnitCommitsWithAndWithoutGroupCommit() throws Exception {
    long millis = Long.getLong("parley.store.measureMillis", DEFAULT_MEASURE_MILLIS);
    Result single = measure("one commit per unit", 1, millis);
    Result grouped = measure("group commit", StoreConfig.DEFAULT_MAX_BATCH_UNITS, millis);
    System.out.printf("store throughput, %d submitters, synchronous=FULL, %d ms each:%n"
        + "  %s%n  %s%n  speed-up x%.1f%n", SUBMITTERS, millis, single, grouped,
        grouped.unitsPerSecond() / single.unitsPerSecond());
    assertTrue(single.units() > 0 && grouped.units() > 0);
    assertEquals(single.units(), single.commits(), "max batch 1 commits every unit alone");
  }

  private Result measure(String label, int maxBatch, long millis) throws Exception {
    Path data = Files.createDirectory(dir.resolve("batch-" + maxBatch));
    try (Database db = Database.open(data, StoreConfig.defaults().withMaxBatchUnits(maxBatch))) {
      List<String> connections = new ArrayList<>();
      for (int i = 0; i < SUBMITTERS; i++) {
        connections.add(write(db, StoreFixtures::connection).id());
      }
      AtomicBoolean stop = new AtomicBoolean();
      AtomicLong committed = new AtomicLong();
      AtomicLong failures = new AtomicLong();
      List<Thread> threads = new ArrayList<>();
      for (String connection : connections) {
        threads.add(new Thread(() -> submitUntilStopped(db, connection, stop, committed,
            failures)));
      }
      long commitsBefore = db.commits();
      long start = System.nanoTime();
      threads.forEach(Thread::start);
      TimeUnit.MILLISECONDS.sleep(millis); // The measurement window, not a synchronisation.
      stop.set(true);
      for (Thread t : threads) {
        t.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      long units = committed.get();
      long commits = db.commits() - commitsBefore;
      assertEquals(0, failures.get());
      String stored = db.read(tx -> SqliteFiles.queryString(tx.sql().connection(),
          "SELECT (SELECT count(*) FROM messages_in) || '/' || (SELECT count(*) FROM events)"));
      assertEquals(units + "/" + units, stored, "every completed unit is stored, and only those");
      return new Result(label, units, commits, units / seconds);
    }
  }

  private static void submitUntilStopped(Database db, String connection, AtomicBoolean stop,
      AtomicLong committed, AtomicLong failures) {
    for (long n = 1; !stop.get(); n++) {
      long msgId = n;
      try {
        Await.result(db.write(tx -> {
          byte[] hash = SecureRandoms.bytes(32);
          InMessageRow m = InMessageRow.received(connection, msgId, "message " + msgId,
              MsgIntegrity.OK, hash, tx.now());
          tx.inbox().insert(m);
          tx.connections().advanceReceiving(connection, msgId, hash, RATCHET);
          return tx.events().append("message.received", connection,
              "{\"messageId\":\"" + m.id() + "\"}");
        }));
        committed.incrementAndGet();
      } catch (Exception e) {
        failures.incrementAndGet();
        return;
      }
    }
  }

  private record Result(String label, long units, long commits, double unitsPerSecond) {
    @Override
    public String toString() {
      return String.format("%-20s %7.0f units/s (%d units, %d commits, %.1f units per commit)",
          label + ":", unitsPerSecond, units, commits, (double) units / Math.max(1, commits));
    }
  }
}

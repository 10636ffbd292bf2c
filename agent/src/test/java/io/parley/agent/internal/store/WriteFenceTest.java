package io.parley.agent.internal.store;

import static io.parley.testkit.Await.failure;
import static io.parley.testkit.Await.result;
import static io.parley.agent.internal.store.StoreFixtures.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.agent.internal.store.StoreFaults.Kind;
import io.parley.agent.internal.store.StoreFaults.Step;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Units of one in-memory copy never commit after one of them failed, until it is reloaded. */
class WriteFenceTest {
  @TempDir Path dir;
  private StoreFaults faults;
  private Database db;
  private String connectionId;

  @BeforeEach
  void open() throws Exception {
    faults = StoreFaults.install(dir);
    db = Database.open(dir);
    connectionId = write(db, StoreFixtures::connection).id();
  }

  @AfterEach
  void close() {
    db.close();
    StoreFaults.uninstall(dir);
  }

  @Test
  void aUnitAfterAFailedUnitOfItsFenceFailsWithoutRunningUntilTheFenceIsReopened()
      throws Exception {
    WriteFence fence = new WriteFence();
    CompletableFuture<Long> failing = db.write(fence, tx -> {
      tx.events().append("first", connectionId, "{}");
      throw new StoreException("the unit's own failure");
    });
    CompletableFuture<Long> later = db.write(fence, tx -> tx.events().append("second",
        connectionId, "{}"));
    CompletableFuture<Long> unfenced = db.write(tx -> tx.events().append("other", null, "{}"));

    assertEquals("the unit's own failure", failure(failing).getMessage());
    assertInstanceOf(StoreUnavailableException.class, failure(later));
    assertTrue(result(unfenced) > 0, "a unit of no fence is not held back");
    assertTrue(fence.broken());
    assertEquals(1, eventCount(), "only the unfenced event is stored");

    assertTrue(fence.reopen(fence.generation()));
    assertFalse(fence.broken());
    assertTrue(result(db.write(fence, tx -> tx.events().append("third", connectionId, "{}")))
        > 0);
    assertEquals(2, eventCount());
  }

  @Test
  void aCommitThatFailsClosesTheFenceAndHealthReportsItUntilAWriteSucceeds() throws Exception {
    WriteFence fence = new WriteFence();
    faults.fail(Step.COMMIT, Kind.DISK_FULL);
    Throwable failed = failure(db.write(fence, tx -> tx.events().append("a", null, "{}")));
    assertInstanceOf(StoreUnavailableException.class, failed);
    assertEquals("disk full", db.writeFailure().orElseThrow());
    faults.heal();

    // Built from memory that counts the failed unit: refused although the disk works again.
    assertInstanceOf(StoreUnavailableException.class,
        failure(db.write(fence, tx -> tx.events().append("b", null, "{}"))));
    result(db.write(tx -> null));
    assertEquals("disk full", db.writeFailure().orElseThrow(),
        "an empty unit committing is no sign the disk has room");
    assertEquals(0, eventCount());

    fence.reopen(fence.generation());
    result(db.write(fence, tx -> tx.events().append("c", null, "{}")));
    assertTrue(db.writeFailure().isEmpty(), "a commit that changed rows clears the failure");
    assertEquals(1, eventCount());
  }

  @Test
  void aUnitTheQueueRefusesClosesItsFenceAtOnce() throws Exception {
    WriteFence fence = new WriteFence();
    db.close();
    assertInstanceOf(StoreUnavailableException.class,
        failure(db.write(fence, tx -> null)));
    assertTrue(fence.broken(), "refused before the writer saw it, yet later units must wait");
    db = Database.open(dir);
  }

  @Test
  void aReadOnlyFileIsUnavailableNotAPlainFailure() throws Exception {
    faults.fail(Step.BEGIN, Kind.READ_ONLY);
    assertInstanceOf(StoreUnavailableException.class,
        failure(db.write(tx -> tx.events().append("a", null, "{}"))));
    assertEquals("database is read-only", db.writeFailure().orElseThrow());
  }

  private int eventCount() throws Exception {
    return db.read(tx -> tx.events().after(0, 1000)).size();
  }
}

package io.parley.daemon.store.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.parley.agent.internal.store.Database;
import io.parley.agent.internal.store.SharedStores;
import io.parley.agent.store.StoreException;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiWritesTest {
  @Test
  void apiWritesAreUnitsOfTheAgentsGroupCommitAndAFailedOneRollsBackAlone(@TempDir Path dir)
      throws Exception {
    try (Database db = Database.open(dir);
        ApiStore api = ApiStore.open(SharedStores.extend(db, ApiStore.SCHEMA), Clock.systemUTC(),
            5_000)) {
      long before = db.commits();
      api.write(tx -> tx.consumers().ack("default", "bot", 0));
      assertEquals(before + 1, db.commits(), "committed by the agent's writer");
      assertEquals(1, api.read(tx -> tx.consumers().list("default")).size(), "and visible to reads");

      StoreException failure = assertThrows(StoreException.class, () -> api.write(tx -> {
        tx.consumers().ack("default", "other", 0);
        throw new StoreException("refused");
      }));
      assertEquals("refused", failure.getMessage());
      assertEquals(1, api.read(tx -> tx.consumers().list("default")).size(),
          "the failed unit left nothing");
    }
  }
}

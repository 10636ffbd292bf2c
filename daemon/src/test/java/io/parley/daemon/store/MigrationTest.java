package io.parley.daemon.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrationTest {
  private static final long T0 = 1_700_000_000_000L;

  @Test
  void rebuildingTheOutboxKeepsEveryMessageAndItsTimelineRows(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve(Database.FILE_NAME);
    SqliteFiles.createIfMissing(file);
    Connection c = SqliteFiles.open(file);
    try (Statement s = c.createStatement()) {
      SqliteFiles.exec(c, "PRAGMA foreign_keys = ON");
      for (String name : Migrations.FILES.subList(0, 2)) {
        SqliteFiles.execScript(c, Migrations.load(name));
      }
      s.executeUpdate("PRAGMA user_version = 2");
      s.executeUpdate("INSERT INTO connections (id, status, role, created_at, updated_at)"
          + " VALUES ('c1', 'established', 'inviter', " + T0 + ", " + T0 + ")");
      s.executeUpdate("INSERT INTO messages_out (id, connection_id, agent_msg_id, kind, text,"
          + " payload, msg_hash, status, next_attempt_at, created_at, sent_at, idempotency_key)"
          + " VALUES ('c1.1', 'c1', 1, 'text', 'hi', x'01', x'02', 'sent', " + T0 + ", " + T0
          + ", " + (T0 + 5) + ", 'k1')");
      s.executeUpdate("INSERT INTO message_status (message_id, status, reason, at) VALUES"
          + " ('c1.1', 'queued', NULL, " + T0 + "), ('c1.1', 'sent', NULL, " + (T0 + 5) + ")");
    } finally {
      SqliteFiles.closeQuietly(c);
    }

    try (Database db = Database.open(dir)) {
      assertEquals(List.of(
          new StatusChange(OutMessageStatus.QUEUED, null, T0),
          new StatusChange(OutMessageStatus.SENT, null, T0 + 5)),
          db.read(tx -> tx.outbox().timeline("c1.1")), "the status rows survived the rebuild");
      assertEquals("k1", db.read(tx -> tx.outbox().get("c1.1")).idempotencyKey());
      assertEquals("3", db.read(tx -> SqliteFiles.queryString(tx.sql().connection(),
          "PRAGMA user_version")));
      assertEquals("1", db.write(tx -> SqliteFiles.queryString(tx.sql().connection(),
          "PRAGMA foreign_keys")).get(), "foreign keys are back on for the writer");

      OutMessageRow sameKey = OutMessageRow.queued("c1", 2, OutMessageKind.TEXT, "again",
          new byte[] {1}, new byte[] {2}, "k1", T0);
      ExecutionException e = assertThrows(ExecutionException.class,
          () -> db.write(tx -> {
            tx.outbox().insert(sameKey);
            return null;
          }).get());
      assertEquals(true, e.getCause() instanceof StoreException, e.getCause().toString());
      OutMessageRow wrongId = new OutMessageRow("c1.x", "c1", 3, OutMessageKind.TEXT, "x",
          new byte[] {1}, new byte[] {2}, OutMessageStatus.QUEUED, null, 0, T0, T0, null, null,
          null);
      assertThrows(ExecutionException.class, () -> db.write(tx -> {
        tx.outbox().insert(wrongId);
        return null;
      }).get(), "an id that is not the sending position is refused");
    }
  }
}

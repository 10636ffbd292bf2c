package io.parley.agent.internal.store;

import static io.parley.testkit.Await.failure;
import static io.parley.testkit.Await.result;
import static io.parley.agent.internal.store.StoreFixtures.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.agent.store.SchemaExtension;
import io.parley.agent.store.SchemaExtension.Migration;
import io.parley.agent.store.SharedStore;
import io.parley.agent.store.SqliteErrors;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A host's tables in the agent's database, through the store's extension point. */
class SharedStoresTest {
  private static final Migration NOTES = new Migration("V1", "CREATE TABLE notes ("
      + "id TEXT PRIMARY KEY, body TEXT NOT NULL UNIQUE) STRICT;");
  private static final Migration NOTE_TIMES = new Migration("V2",
      "ALTER TABLE notes ADD COLUMN at INTEGER NOT NULL DEFAULT 0;");

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
  void anExtensionsMigrationsRunOnceEachAndANewOneAppliesAloneKeepingRows() throws Exception {
    SharedStore v1 = SharedStores.extend(db, new SchemaExtension("notes", List.of(NOTES)));
    result(v1.write(c -> insert(c.prepareStatement("INSERT INTO notes VALUES (?, ?)"), "a")));
    SharedStores.extend(db, new SchemaExtension("notes", List.of(NOTES)));
    SharedStore v2 = SharedStores.extend(db,
        new SchemaExtension("notes", List.of(NOTES, NOTE_TIMES)));
    assertEquals(1L, (long) v2.read(c -> count(c, "SELECT count(*) FROM notes WHERE at = 0")));
    assertEquals(2L, (long) v2.read(c -> count(c,
        "SELECT version FROM schema_extensions WHERE name = 'notes'")));
  }

  @Test
  void aHostWriteIsOneUnitOfTheGroupCommitAndItsSqlFailureArrivesTypedAndLeavesNothing()
      throws Exception {
    SharedStore notes = SharedStores.extend(db, new SchemaExtension("notes", List.of(NOTES)));
    long before = db.commits();
    result(notes.write(c -> insert(c.prepareStatement("INSERT INTO notes VALUES (?, ?)"), "a")));
    assertEquals(before + 1, db.commits(), "committed by the agent's writer");

    Throwable dup = failure(notes.write(c -> {
      insert(c.prepareStatement("INSERT INTO notes VALUES ('x', 'other')"), null);
      return insert(c.prepareStatement("INSERT INTO notes VALUES (?, ?)"), "a");
    }));
    assertInstanceOf(io.parley.agent.store.StoreException.class, dup);
    assertFalse(dup instanceof io.parley.agent.store.StoreUnavailableException,
        "a constraint is the caller's mistake, not an outage");
    assertEquals(1L, (long) notes.read(c -> count(c, "SELECT count(*) FROM notes")),
        "the failed unit left nothing");
  }

  @Test
  void aReadOnlyOrBusyFileIsUnavailableADamagedOneCorruptAndAConstraintNeither() {
    assertEquals(SqliteErrors.Kind.UNAVAILABLE, SqliteErrors.classify(code(8)));
    assertEquals(SqliteErrors.Kind.UNAVAILABLE, SqliteErrors.classify(code(5 | 256)));
    assertEquals(SqliteErrors.Kind.CORRUPT, SqliteErrors.classify(code(26)));
    assertEquals(SqliteErrors.Kind.OTHER, SqliteErrors.classify(code(2067)));
    assertInstanceOf(StoreUnavailableException.class, SqlErrors.translate(code(8)));
    assertInstanceOf(DatabaseCorruptException.class, SqlErrors.translate(code(11)));
    assertInstanceOf(io.parley.agent.store.StoreUnavailableException.class,
        SqliteErrors.translate(code(11)), "a host cannot repair the file: unavailable");
  }

  @Test
  void pendingCountsOnlyWantedEventsAfterTheCursor() throws Exception {
    write(db, tx -> {
      tx.events().append("message.received", "c", "{}");
      tx.events().append("relay.up", null, "{}");
      tx.events().append("message.received", "c", "{}");
      return null;
    });
    StatsReadModel stats = new StatsReadModel(db);
    assertEquals(3, stats.eventsAfter(0, null));
    assertEquals(2, stats.eventsAfter(0, List.of("message.received")));
    assertEquals(1, stats.eventsAfter(1, List.of("message.received")));
    assertEquals(0, stats.eventsAfter(0, List.of()));
  }

  @Test
  void aHistoryPageAnchoredOnAMessageOutsideTheConnectionIsEmptyNotAnError() throws Exception {
    HistoryReadModel history = new HistoryReadModel(db);
    assertTrue(history.before("c", "nope", 10).isEmpty());
    assertTrue(history.after("c", "nope", 10).isEmpty());
    assertTrue(history.latest("c", 10).isEmpty());
  }

  @Test
  void anExtensionNameThatIsNotAPlainIdentifierIsRefused() {
    assertThrows(IllegalArgumentException.class,
        () -> new SchemaExtension("Api; DROP", List.of(NOTES)));
  }

  private static int insert(PreparedStatement ps, String body) throws SQLException {
    try (ps) {
      if (body != null) {
        ps.setString(1, "id-" + body);
        ps.setString(2, body);
      }
      return ps.executeUpdate();
    }
  }

  private static long count(java.sql.Connection c, String sql) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static SQLException code(int code) {
    return new SQLException("sqlite failure", null, code);
  }
}

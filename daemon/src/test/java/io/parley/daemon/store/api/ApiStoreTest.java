package io.parley.daemon.store.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.agent.internal.store.Database;
import io.parley.agent.internal.store.SharedStores;
import io.parley.agent.store.StoreException;
import io.parley.agent.store.StoreUnavailableException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The API's tables on a real migrated database file. */
class ApiStoreTest {
  @TempDir
  Path dir;
  Database db;
  ApiStore store;

  @BeforeEach
  void open() throws Exception {
    db = Database.open(dir);
    store = ApiStore.open(SharedStores.extend(db, ApiStore.SCHEMA), Clock.systemUTC(),
        ApiStore.DEFAULT_BUSY_TIMEOUT_MILLIS);
  }

  @AfterEach
  void close() {
    store.close();
    db.close();
  }

  @Test
  void aConsumerCursorOnlyMovesForward() throws Exception {
    assertEquals(5, store.write(tx -> tx.consumers().ack("default", "bot", 5)).cursor());
    assertEquals(9, store.write(tx -> tx.consumers().ack("default", "bot", 9)).cursor());
    assertEquals(9, store.write(tx -> tx.consumers().ack("default", "bot", 3)).cursor());
    assertEquals(List.of("bot"), store.read(tx -> tx.consumers().list("default")).stream()
        .map(ConsumerRow::name).toList());
    boolean first = store.write(tx -> tx.consumers().delete("default", "bot"));
    boolean second = store.write(tx -> tx.consumers().delete("default", "bot"));
    assertTrue(first);
    assertFalse(second);
    assertTrue(store.read(tx -> tx.consumers().find("default", "bot")).isEmpty());
  }

  @Test
  void aWebhookCountsFailuresAndASuccessResetsThemAndMovesTheCursor() throws Exception {
    store.write(tx -> tx.webhooks().insert("w1", "default", "http://127.0.0.1:1/h",
        List.of("message.received"), new byte[] {1, 2, 3}, 7));
    store.write(tx -> tx.webhooks().recordFailure("w1", "HTTP 500"));
    store.write(tx -> tx.webhooks().recordFailure("w1", "HTTP 502"));
    WebhookRow failing = store.read(tx -> tx.webhooks().find("w1")).orElseThrow();
    assertEquals(2, failing.attempts());
    assertEquals("HTTP 502", failing.lastError());
    assertNull(failing.lastSuccessAt());
    assertTrue(failing.wants("message.received"));
    assertFalse(failing.wants("relay.up"));
    assertFalse(failing.toString().contains("127.0.0.1"), "the URL may hold credentials");

    store.write(tx -> tx.webhooks().advance("w1", 12, true));
    store.write(tx -> tx.webhooks().advance("w1", 10, false));
    WebhookRow ok = store.read(tx -> tx.webhooks().find("w1")).orElseThrow();
    assertEquals(12, ok.cursor(), "never back");
    assertEquals(0, ok.attempts());
    assertTrue(ok.lastSuccessAt() != null);
    boolean gone = store.write(tx -> tx.webhooks().advance("gone", 1, true));
    assertFalse(gone);
  }

  @Test
  void tokensAreStoredAsHashesAndAConstraintViolationIsATypedFailure() throws Exception {
    byte[] hash = new byte[32];
    store.write(tx -> tx.tokens().insert("t1", "default", "alerts", TokenScope.SEND, hash));
    TokenRow row = store.read(tx -> tx.tokens().list()).get(0);
    assertEquals(TokenScope.SEND, row.scope());
    assertFalse(row.toString().contains("alerts"));
    StoreException dup = assertThrows(StoreException.class,
        () -> store.write(tx -> tx.tokens().insert("t2", "default", null, TokenScope.ADMIN, hash)));
    assertFalse(dup instanceof StoreUnavailableException);
    assertEquals(1, store.read(tx -> tx.tokens().list()).size(), "the failed write left nothing");
    assertThrows(StoreException.class,
        () -> store.write(tx -> tx.tokens().insert("t3", "default", null, TokenScope.ADMIN, new byte[3])));
  }

  @Test
  void aClosedStoreAnswersUnavailable() {
    store.close();
    assertThrows(StoreUnavailableException.class, () -> store.read(tx -> tx.tokens().list()));
  }

  @Test
  void apiTablesFromANewerBuildAreRefusedAndLeftAsTheyAre() throws Exception {
    store.write(tx -> tx.consumers().ack("default", "bot", 4));
    db.writeOnConnection(c -> c.createStatement().executeUpdate(
        "UPDATE schema_extensions SET version = 99 WHERE name = 'api'")).get();
    StoreException refused = assertThrows(StoreException.class,
        () -> SharedStores.extend(db, ApiStore.SCHEMA));
    assertTrue(refused.getMessage().contains("newer"), refused.getMessage());
    assertEquals(4, store.read(tx -> tx.consumers().find("default", "bot")).orElseThrow().cursor());
  }
}

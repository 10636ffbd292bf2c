package io.parley.agent.internal.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
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
    databaseAtVersion(dir, 2,
        "INSERT INTO messages_out (id, connection_id, agent_msg_id, kind, text,"
          + " payload, msg_hash, status, next_attempt_at, created_at, sent_at, idempotency_key)"
          + " VALUES ('c1.1', 'c1', 1, 'text', 'hi', x'01', x'02', 'sent', " + T0 + ", " + T0
          + ", " + (T0 + 5) + ", 'k1')",
        "INSERT INTO message_status (message_id, status, reason, at) VALUES"
          + " ('c1.1', 'queued', NULL, " + T0 + "), ('c1.1', 'sent', NULL, " + (T0 + 5) + ")");

    try (Database db = Database.open(dir)) {
      assertEquals(List.of(
          new StatusChange(OutMessageStatus.QUEUED, null, T0),
          new StatusChange(OutMessageStatus.SENT, null, T0 + 5)),
          db.read(tx -> tx.outbox().timeline("c1.1")), "the status rows survived the rebuild");
      assertEquals("k1", db.read(tx -> tx.outbox().get("c1.1")).idempotencyKey());
      assertEquals(String.valueOf(Migrations.LATEST_VERSION), db.read(tx -> SqliteFiles.queryString(tx.sql().connection(),
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

  @Test
  void movingPayloadsOutOfTheOutboxKeepsThoseOfQueuedMessagesOnly(@TempDir Path dir)
      throws Exception {
    databaseAtVersion(dir, 3,
        "INSERT INTO messages_out (id, connection_id, agent_msg_id, kind, text,"
          + " payload, msg_hash, status, next_attempt_at, created_at, sent_at)"
          + " VALUES ('c1.1', 'c1', 1, 'text', 'gone', x'0101', x'02', 'sent', " + T0 + ", "
          + T0 + ", " + (T0 + 5) + "), ('c1.2', 'c1', 2, 'text', 'waiting', x'0202', x'03',"
          + " 'queued', " + T0 + ", " + T0 + ", NULL)");

    try (Database db = Database.open(dir)) {
      OutMessageRow sent = db.read(tx -> tx.outbox().get("c1.1"));
      OutMessageRow queued = db.read(tx -> tx.outbox().get("c1.2"));
      assertEquals("gone", sent.text());
      assertNull(sent.payload(), "a sent message's ciphertext is not kept");
      assertArrayEquals(new byte[] {2, 2}, queued.payload(), "a queued message keeps its bytes");
      assertEquals(OutMessageStatus.QUEUED, queued.status());

      // Deleting the connection takes the payloads with it.
      db.write(tx -> tx.sql().update("DELETE FROM connections WHERE id = 'c1'")).get();
      assertEquals("0", db.read(tx -> SqliteFiles.queryString(tx.sql().connection(),
          "SELECT count(*) FROM outbox_payloads")));
    }
  }

  @Test
  void aPayloadLeftBehindByAMessageNoLongerQueuedIsDeletedAtOpen(@TempDir Path dir)
      throws Exception {
    try (Database db = Database.open(dir)) {
      db.write(tx -> {
        tx.sql().update("INSERT INTO connections (id, status, role, created_at, updated_at)"
            + " VALUES ('c1', 'established', 'inviter', ?, ?)", T0, T0);
        tx.outbox().insert(OutMessageRow.queued("c1", 1, OutMessageKind.TEXT, "hi",
            new byte[] {7}, new byte[] {2}, null, T0));
        // The peer's receipt overtook the relay's OK, and the daemon stopped before the OK.
        return tx.outbox().markDelivered("c1.1");
      }).get();
      assertArrayEquals(new byte[] {7}, db.read(tx -> tx.outbox().get("c1.1")).payload());
    }
    try (Database db = Database.open(dir)) {
      assertNull(db.read(tx -> tx.outbox().get("c1.1")).payload());
    }
  }

  @Test
  void aDatabaseFromBeforeProfilesGetsADefaultProfileThatOwnsEverythingItHeld(@TempDir Path dir)
      throws Exception {
    int before = Migrations.FILES.indexOf(Migrations.FILES.stream()
        .filter(f -> f.endsWith("__profiles.sql")).findFirst().orElseThrow());
    databaseAtVersion(dir, before,
        "INSERT INTO rcv_queues (id, connection_id, relay, recipient_id, sender_id,"
          + " rcv_auth_key, rcv_dh_key, delivery_key, e2e_key, mode, status, created_at,"
          + " updated_at) VALUES (7, NULL, 'smp://k@h:1', x'01', x'02', x'03', x'04', x'05',"
          + " x'06', 'contact', 'active', " + T0 + ", " + T0 + ")",
        "INSERT INTO contact_address (id, rcv_queue_id, link, auto_accept, welcome,"
          + " created_at, updated_at) VALUES (1, 7, 'parley:/contact#x', 1, 'hi', " + T0
          + ", " + T0 + ")",
        "INSERT INTO contact_requests (id, invitation, profile, status, created_at,"
          + " updated_at) VALUES ('r1', 'parley:/invitation#x', 'bob', 'pending', " + T0
          + ", " + T0 + ")",
        "INSERT INTO events (type, time, connection_id, data) VALUES"
          + " ('message.received', " + T0 + ", 'c1', '{}'),"
          + " ('connection.requested', " + T0 + ", NULL, '{}'),"
          + " ('relay.up', " + T0 + ", NULL, '{}')");

    try (Database db = Database.open(dir)) {
      List<ProfileRow> profiles = db.read(tx -> tx.profiles().list());
      assertEquals(List.of(ProfileRow.DEFAULT_ID), profiles.stream().map(ProfileRow::id)
          .toList(), "one profile, the default");
      assertEquals(ProfileRow.DEFAULT_ID,
          db.read(tx -> tx.connections().get("c1")).profileId());
      ContactAddressRow address = db.read(tx -> tx.contacts().address(ProfileRow.DEFAULT_ID))
          .orElseThrow();
      assertEquals(7, address.rcvQueueId());
      assertEquals("hi", address.welcome());
      assertEquals(List.of("r1"), db.read(tx -> tx.contacts()
          .pendingRequests(ProfileRow.DEFAULT_ID)).stream().map(ContactRequestRow::id).toList());
      assertEquals(java.util.Arrays.asList(ProfileRow.DEFAULT_ID, ProfileRow.DEFAULT_ID, null),
          db.read(tx -> tx.events().after(0, 10)).stream().map(EventRow::profileId).toList(),
          "a connection's and a request's events are the default profile's; a relay's are"
              + " everyone's");

      // A second profile may have an address of its own now.
      ProfileRow other = ProfileRow.create("Bot", null, T0);
      db.write(tx -> {
        tx.profiles().insert(other);
        long q = tx.queues().insertRcv(StoreFixtures.rcvQueue(null, "smp://k@h:1",
            io.parley.protocol.command.QueueMode.CONTACT, 2));
        tx.contacts().createAddress(new ContactAddressRow(other.id(), q, "parley:/contact#y",
            false, null, T0, T0));
        return null;
      }).get();
      assertEquals(2, db.read(tx -> tx.contacts().addresses()).size());
    }
  }

  /**
   * Writes a database as a build at schema {@code version} left it: connection c1 and the
   * given rows.
   */
  private static void databaseAtVersion(Path dir, int version, String... inserts)
      throws Exception {
    Path file = dir.resolve(Database.FILE_NAME);
    SqliteFiles.createIfMissing(file);
    Connection c = SqliteFiles.open(file);
    try (Statement s = c.createStatement()) {
      SqliteFiles.exec(c, "PRAGMA foreign_keys = ON");
      for (String name : Migrations.FILES.subList(0, version)) {
        SqliteFiles.execScript(c, Migrations.load(name));
      }
      s.executeUpdate("PRAGMA user_version = " + version);
      s.executeUpdate("INSERT INTO connections (id, status, role, created_at, updated_at)"
          + " VALUES ('c1', 'established', 'inviter', " + T0 + ", " + T0 + ")");
      for (String insert : inserts) {
        s.executeUpdate(insert);
      }
    } finally {
      SqliteFiles.closeQuietly(c);
    }
  }
}

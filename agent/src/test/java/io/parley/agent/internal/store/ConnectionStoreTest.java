package io.parley.agent.internal.store;

import static io.parley.agent.internal.store.StoreFixtures.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.protocol.command.QueueMode;
import io.parley.protocol.crypto.SecureRandoms;
import io.parley.testkit.SettableClock;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConnectionStoreTest {
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
  void aConnectionRoundTripsThroughTheHandshakeWithEveryColumnIntact() throws Exception {
    byte[] ownKeys = SecureRandoms.bytes(96);
    byte[] peerKeys = SecureRandoms.bytes(64);
    ConnectionRow created = ConnectionRow.create(ProfileRow.DEFAULT_ID, ConnectionStatus.PENDING,
        ConnectionRole.INVITER, true, T0).withAlias("alerts")
        .withInvitation("parley://invite#secret").withX3dh(ownKeys, peerKeys);
    write(db, tx -> {
      tx.connections().insert(created);
      return null;
    });
    ConnectionRow pending = db.read(tx -> tx.connections().get(created.id()));
    assertEquals("alerts", pending.alias());
    assertEquals("parley://invite#secret", pending.invitation());
    assertArrayEquals(ownKeys, pending.ownX3dh());
    assertTrue(pending.viaContactAddress());

    byte[] ratchet = SecureRandoms.bytes(200);
    clock.setMillis(T0 + 5);
    write(db, tx -> {
      tx.connections().update(pending.withHandshakeDone(ratchet, "12345 67890")
          .withStatus(ConnectionStatus.ESTABLISHED));
      return null;
    });
    ConnectionRow done = db.read(tx -> tx.connections().get(created.id()));
    assertEquals(ConnectionStatus.ESTABLISHED, done.status());
    assertEquals(ConnectionRole.INVITER, done.role());
    assertArrayEquals(ratchet, done.ratchet());
    assertArrayEquals(peerKeys, done.peerRatchetKeys());
    assertNull(done.ownX3dh(), "own X3DH private keys are dropped after the handshake");
    assertNull(done.invitation());
    assertEquals("12345 67890", done.securityCode());
    assertEquals(T0, done.createdAt());
    assertEquals(T0 + 5, done.updatedAt());
  }

  @Test
  void sendingAndReceivingAdvanceTheirOwnChainAndTheSharedRatchet() throws Exception {
    String id = write(db, StoreFixtures::connection).id();
    byte[] sndHash = SecureRandoms.bytes(32);
    byte[] rcvHash = SecureRandoms.bytes(32);
    byte[] ratchet = SecureRandoms.bytes(120);
    write(db, tx -> {
      tx.connections().advanceSending(id, 7, sndHash, SecureRandoms.bytes(120));
      tx.connections().advanceReceiving(id, 3, rcvHash, ratchet);
      return null;
    });
    ConnectionRow row = db.read(tx -> tx.connections().get(id));
    assertEquals(7, row.sndLastMsgId());
    assertArrayEquals(sndHash, row.sndLastHash());
    assertEquals(3, row.rcvLastMsgId());
    assertArrayEquals(rcvHash, row.rcvLastHash());
    assertArrayEquals(ratchet, row.ratchet());
  }

  @Test
  void updatingAMissingConnectionIsATypedNotFound() throws Exception {
    RowNotFoundException e = assertThrows(RowNotFoundException.class, () -> write(db,
        tx -> {
          tx.connections().setStatus("no-such-id", ConnectionStatus.DELETED);
          return null;
        }));
    assertEquals("connections", e.table());
    assertTrue(db.read(tx -> tx.connections().find("no-such-id")).isEmpty());
  }

  @Test
  void listingSkipsDeletedConnectionsAndDeletingRemovesQueuesAndMessages() throws Exception {
    String kept = write(db, StoreFixtures::connection).id();
    String gone = write(db, tx -> {
      ConnectionRow row = StoreFixtures.connection(tx);
      tx.queues().insertRcv(StoreFixtures.rcvQueue(row.id(), "smp://k@r", QueueMode.MESSAGING,
          T0));
      tx.queues().insertSnd(StoreFixtures.sndQueue(row.id(), "smp://k@r", T0));
      tx.outbox().insert(StoreFixtures.textMessage(row.id(), 1, null, T0));
      tx.inbox().insert(InMessageRow.received(row.id(), 1, "hi", MsgIntegrity.OK,
          SecureRandoms.bytes(32), T0));
      tx.connections().setStatus(row.id(), ConnectionStatus.DELETED);
      return row.id();
    });
    assertEquals(List.of(kept), db.read(tx -> tx.connections().list()).stream()
        .map(ConnectionRow::id).toList());

    assertTrue((boolean) write(db, tx -> tx.connections().delete(gone)));
    String counts = db.read(tx -> SqliteFiles.queryString(tx.sql().connection(),
        "SELECT (SELECT count(*) FROM rcv_queues) || (SELECT count(*) FROM snd_queues)"
            + " || (SELECT count(*) FROM messages_out) || (SELECT count(*) FROM message_status)"
            + " || (SELECT count(*) FROM messages_in)"));
    assertEquals("00000", counts);
  }
}

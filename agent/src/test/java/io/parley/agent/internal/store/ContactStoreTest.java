package io.parley.agent.internal.store;

import static io.parley.agent.internal.store.StoreFixtures.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.protocol.command.QueueMode;
import io.parley.testkit.Await;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContactStoreTest {
  private static final String RELAY = "smp://a2V5@relay.example:5223";

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
  void thereIsAtMostOneContactAddressPerProfileAndItGoesAwayWithItsQueue() throws Exception {
    assertTrue(db.read(tx -> tx.contacts().address(ProfileRow.DEFAULT_ID)).isEmpty());
    long queue = write(db, tx -> tx.queues().insertRcv(
        StoreFixtures.rcvQueue(null, RELAY, QueueMode.CONTACT, 1)));
    ContactAddressRow address = new ContactAddressRow(ProfileRow.DEFAULT_ID, queue,
        "parley://contact#k", false, null,
        1, 1);
    write(db, tx -> {
      tx.contacts().createAddress(address);
      tx.contacts().updateAddressSettings(ProfileRow.DEFAULT_ID, true, "welcome!");
      return null;
    });
    ContactAddressRow read = db.read(tx -> tx.contacts().address(ProfileRow.DEFAULT_ID))
        .orElseThrow();
    assertTrue(read.autoAccept());
    assertEquals("welcome!", read.welcome());
    assertEquals("parley://contact#k", read.link());

    assertInstanceOf(StoreException.class, Await.failure(db.write(tx -> {
      tx.contacts().createAddress(address);
      return null;
    })));
    write(db, tx -> tx.queues().deleteRcv(queue));
    assertTrue(db.read(tx -> tx.contacts().address(ProfileRow.DEFAULT_ID)).isEmpty());
    assertInstanceOf(RowNotFoundException.class, Await.failure(db.write(tx -> {
      tx.contacts().updateAddressSettings(ProfileRow.DEFAULT_ID, false, null);
      return null;
    })));
  }

  @Test
  void aRequestIsDecidedOnceAndRemembersTheConnectionItCreated() throws Exception {
    ContactRequestRow accepted = ContactRequestRow.pending(ProfileRow.DEFAULT_ID, "parley://invite#a", "{}", 1);
    ContactRequestRow rejected = ContactRequestRow.pending(ProfileRow.DEFAULT_ID, "parley://invite#b", null, 2);
    write(db, tx -> {
      tx.contacts().insertRequest(accepted);
      tx.contacts().insertRequest(rejected);
      return null;
    });
    assertEquals(List.of(accepted.id(), rejected.id()), db.read(
        tx -> tx.contacts().pendingRequests(ProfileRow.DEFAULT_ID)).stream().map(ContactRequestRow::id).toList());

    String conn = write(db, tx -> {
      String c = StoreFixtures.connection(tx).id();
      tx.contacts().resolveRequest(accepted.id(), ContactRequestStatus.ACCEPTED, c);
      tx.contacts().resolveRequest(rejected.id(), ContactRequestStatus.REJECTED, null);
      return c;
    });
    assertFalse((boolean) write(db, tx -> tx.contacts().resolveRequest(rejected.id(),
        ContactRequestStatus.ACCEPTED, conn)));
    assertEquals(List.of(), db.read(tx -> tx.contacts().pendingRequests(
        ProfileRow.DEFAULT_ID)));
    ContactRequestRow read = db.read(tx -> tx.contacts().getRequest(accepted.id()));
    assertEquals(ContactRequestStatus.ACCEPTED, read.status());
    assertEquals(conn, read.connectionId());
    assertEquals(ContactRequestStatus.REJECTED,
        db.read(tx -> tx.contacts().getRequest(rejected.id())).status());
  }
}

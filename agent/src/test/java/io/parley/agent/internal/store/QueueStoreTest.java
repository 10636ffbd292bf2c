package io.parley.agent.internal.store;

import static io.parley.agent.internal.store.StoreFixtures.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.protocol.command.QueueMode;
import io.parley.protocol.crypto.SecureRandoms;
import io.parley.testkit.Await;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QueueStoreTest {
  private static final String RELAY = "smp://a2V5@relay.example:5223";

  @TempDir Path dir;
  private Database db;
  private String conn;

  @BeforeEach
  void open() throws Exception {
    db = Database.open(dir);
    conn = write(db, StoreFixtures::connection).id();
  }

  @AfterEach
  void close() {
    db.close();
  }

  @Test
  void aReceiveQueueIsFoundByTheIdsTheRelayNamesItWith() throws Exception {
    RcvQueueRow q = StoreFixtures.rcvQueue(conn, RELAY, QueueMode.MESSAGING, 1);
    long id = write(db, tx -> tx.queues().insertRcv(q));

    RcvQueueRow found = db.read(tx -> tx.queues().findRcv(RELAY, q.recipientId())).orElseThrow();
    assertEquals(id, found.id());
    assertEquals(conn, found.connectionId());
    assertArrayEquals(q.rcvAuthKey(), found.rcvAuthKey());
    assertArrayEquals(q.deliveryKey(), found.deliveryKey());
    assertArrayEquals(q.e2eKey(), found.e2eKey());
    assertNull(found.e2ePeerKey());
    assertEquals(QueueMode.MESSAGING, found.mode());
    assertTrue(db.read(tx -> tx.queues().findRcv("smp://other@relay", q.recipientId()))
        .isEmpty());
  }

  @Test
  void theSameRecipientIdOnTheSameRelayIsRefused() throws Exception {
    RcvQueueRow q = StoreFixtures.rcvQueue(conn, RELAY, QueueMode.MESSAGING, 1);
    write(db, tx -> tx.queues().insertRcv(q));
    RcvQueueRow clash = new RcvQueueRow(0, conn, RELAY, q.recipientId(),
        SecureRandoms.bytes(24), q.rcvAuthKey(), q.rcvDhKey(), q.deliveryKey(), q.e2eKey(),
        null, QueueMode.MESSAGING, RcvQueueStatus.NEW, null, 1, 1);
    assertInstanceOf(StoreException.class,
        Await.failure(db.write(tx -> tx.queues().insertRcv(clash))));
  }

  @Test
  void confirmationRedeliveryMarkAndStatusChangesArePersisted() throws Exception {
    long id = write(db, tx -> tx.queues().insertRcv(
        StoreFixtures.rcvQueue(conn, RELAY, QueueMode.MESSAGING, 1)));
    byte[] peerKey = SecureRandoms.bytes(32);
    byte[] relayMsgId = SecureRandoms.bytes(24);
    write(db, tx -> {
      tx.queues().confirmRcv(id, peerKey);
      tx.queues().setLastRelayMsgId(id, relayMsgId);
      return null;
    });
    RcvQueueRow confirmed = db.read(tx -> tx.queues().findRcv(id)).orElseThrow();
    assertEquals(RcvQueueStatus.CONFIRMED, confirmed.status());
    assertArrayEquals(peerKey, confirmed.e2ePeerKey());
    assertArrayEquals(relayMsgId, confirmed.lastRelayMsgId());

    write(db, tx -> {
      tx.queues().setRcvStatus(id, RcvQueueStatus.DELETED);
      return null;
    });
    assertEquals(List.of(), db.read(tx -> tx.queues().liveRcvQueues()));
  }

  @Test
  void theContactAddressQueueHasNoConnectionAndIsSubscribedLikeAnyOther() throws Exception {
    long id = write(db, tx -> tx.queues().insertRcv(
        StoreFixtures.rcvQueue(null, RELAY, QueueMode.CONTACT, 1)));
    List<RcvQueueRow> live = db.read(tx -> tx.queues().liveRcvQueues());
    assertEquals(List.of(id), live.stream().map(RcvQueueRow::id).toList());
    assertNull(live.get(0).connectionId());
    assertEquals(QueueMode.CONTACT, live.get(0).mode());
  }

  @Test
  void sendQueuesBelongToTheirConnectionAndKeepTheirKeys() throws Exception {
    SndQueueRow q = StoreFixtures.sndQueue(conn, RELAY, 1);
    long id = write(db, tx -> tx.queues().insertSnd(q));
    write(db, tx -> {
      tx.queues().setSndStatus(id, SndQueueStatus.SECURED);
      return null;
    });
    List<SndQueueRow> mine = db.read(tx -> tx.queues().sndQueuesOf(conn));
    assertEquals(1, mine.size());
    assertEquals(SndQueueStatus.SECURED, mine.get(0).status());
    assertArrayEquals(q.senderId(), mine.get(0).senderId());
    assertArrayEquals(q.sndAuthKey(), mine.get(0).sndAuthKey());
    assertArrayEquals(q.e2ePeerKey(), mine.get(0).e2ePeerKey());
    assertInstanceOf(RowNotFoundException.class, Await.failure(db.write(tx -> {
      tx.queues().setSndStatus(id + 1, SndQueueStatus.ACTIVE);
      return null;
    })));
  }
}

package io.parley.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.sdk.error.NotFoundException;
import io.parley.sdk.model.Connection;
import io.parley.sdk.model.ConnectionRole;
import io.parley.sdk.model.ConnectionStatus;
import io.parley.sdk.model.ContactAddress;
import io.parley.sdk.model.ContactRequest;
import io.parley.sdk.model.Direction;
import io.parley.sdk.model.EventPage;
import io.parley.sdk.model.EventQuery;
import io.parley.sdk.model.EventTypes;
import io.parley.sdk.model.HistoryQuery;
import io.parley.sdk.model.Invitation;
import io.parley.sdk.model.Message;
import io.parley.sdk.model.MessageStatus;
import io.parley.sdk.model.QueuedMessage;
import io.parley.sdk.testing.DaemonFixture;
import io.parley.sdk.testing.DaemonFixture.TestDaemon;
import io.parley.testkit.Await;
import io.parley.testkit.LeakCheck;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Every client call against two real daemons over real HTTP. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(LeakCheck.class)
class ParleyClientTest {
  DaemonFixture fx;
  TestDaemon aliceDaemon;
  TestDaemon bobDaemon;
  ParleyClient alice;
  ParleyClient bob;

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    fx = new DaemonFixture(dir);
    aliceDaemon = fx.daemon("alice");
    bobDaemon = fx.daemon("bob");
    alice = aliceDaemon.client();
    bob = bobDaemon.client();
  }

  @AfterAll
  void stop() {
    fx.close();
  }

  /** Alice invites, Bob joins; returns {alice's connection, bob's connection} once established. */
  private String[] connect() throws Exception {
    Invitation inv = alice.createInvitation("bob");
    String bobConn = bob.join(inv.link(), "alice");
    Await.until("alice side", () -> alice.connection(inv.connectionId()).isEstablished());
    Await.until("bob side", () -> bob.connection(bobConn).isEstablished());
    return new String[] {inv.connectionId(), bobConn};
  }

  @Test
  void anInvitationJoinedThroughTheSdkEstablishesWithMatchingSecurityCodes() throws Exception {
    String[] c = connect();
    Connection a = alice.connection(c[0]);
    Connection b = bob.connection(c[1]);
    assertEquals("bob", a.alias());
    assertEquals(ConnectionRole.INVITER, a.role());
    assertEquals(ConnectionRole.JOINER, b.role());
    assertNotNull(a.securityCode());
    assertEquals(a.securityCode(), b.securityCode());
    assertTrue(a.pq() && b.pq(), "two current daemons use the post-quantum ratchet");
    assertTrue(alice.connections().stream().anyMatch(x -> x.id().equals(c[0])));
  }

  @Test
  void aSentTextArrivesAsAnEventAndShowsInBothHistoriesWithItsStatus() throws Exception {
    String[] c = connect();
    long before = bob.info().events().latestSeq();
    QueuedMessage q = alice.send(c[0], "hello bob", "greeting-1");
    assertEquals(c[0], q.connectionId());
    assertEquals(q.messageId(), alice.send(c[0], "hello bob", "greeting-1").messageId(),
        "the same idempotency key must not send twice");

    EventPage page = bob.events(EventQuery.after(before).withWait(10)
        .withTypes(Set.of(EventTypes.MESSAGE_RECEIVED)));
    assertEquals(1, page.events().size());
    assertEquals("hello bob", page.events().get(0).text());
    assertEquals(c[1], page.events().get(0).connectionId());

    Message sent = Await.value("delivered", () -> alice.message(q.messageId()),
        m -> m.status() == MessageStatus.DELIVERED);
    assertEquals(Direction.OUT, sent.direction());
    assertFalse(sent.timeline().isEmpty());
    List<Message> bobHistory = bob.history(c[1], HistoryQuery.latest(10));
    assertEquals(1, bobHistory.size());
    assertTrue(bobHistory.get(0).isIncoming());
    assertTrue(bobHistory.get(0).integrity().isOk());
    assertEquals("hello bob", bob.message(bobHistory.get(0).id()).text());
  }

  @Test
  void historyPagesBackwardsAndForwardsAroundAMessage() throws Exception {
    String[] c = connect();
    for (int i = 1; i <= 3; i++) {
      alice.send(c[0], "m" + i);
    }
    List<Message> all = alice.history(c[0]);
    assertEquals(List.of("m1", "m2", "m3"), all.stream().map(Message::text).toList());
    assertEquals(List.of("m1"), alice.history(c[0], HistoryQuery.before(all.get(1).id(), 5))
        .stream().map(Message::text).toList());
    assertEquals(List.of("m3"), alice.history(c[0], HistoryQuery.after(all.get(1).id(), 5))
        .stream().map(Message::text).toList());
  }

  @Test
  void aliasesChangeAndADeletedConnectionLeavesTheList() throws Exception {
    String[] c = connect();
    assertEquals("robert", alice.setAlias(c[0], "robert").alias());
    alice.deleteConnection(c[0]);
    assertTrue(alice.connections().stream().noneMatch(x -> x.id().equals(c[0])));
    try {
      // The daemon may keep a deleted connection on record for a while, marked as such.
      assertEquals(ConnectionStatus.DELETED, alice.connection(c[0]).status());
    } catch (NotFoundException gone) {
      assertEquals(404, gone.status());
    }
  }

  @Test
  void theContactAddressIsCreatedConfirmedAndDeletedAndRequestsCanBeAcceptedOrRejected()
      throws Exception {
    ContactAddress address = alice.putAddress(false, null);
    assertFalse(address.autoAccept());
    assertEquals(address.link(), alice.putAddress(false, null).link(), "same settings: same");
    ContactAddress changed = alice.putAddress(true, "hi");
    assertEquals(address.link(), changed.link(), "other settings: same link");
    assertTrue(changed.autoAccept());
    assertEquals(address.link(), alice.putAddress(false, null).link());
    assertFalse(alice.address().orElseThrow().autoAccept());

    String first = bob.join(address.link());
    ContactRequest req = Await.value("a request", alice::requests, r -> !r.isEmpty())
        .get(0);
    String accepted = alice.acceptRequest(req.id());
    Await.until("bob established", () -> bob.connection(first).isEstablished());
    Await.until("alice established", () -> alice.connection(accepted).isEstablished());

    bob.join(address.link());
    ContactRequest second = Await.value("request 2", alice::requests, r -> !r.isEmpty())
        .get(0);
    alice.rejectRequest(second.id());
    assertTrue(alice.requests().isEmpty());
    assertThrows(NotFoundException.class, () -> alice.acceptRequest(second.id()));

    alice.deleteAddress();
    assertTrue(alice.address().isEmpty());
  }

  @Test
  void aConsumerIsCreatedByItsFirstAckAndReadsAfterItsCursor() throws Exception {
    long latest = alice.info().events().latestSeq();
    assertTrue(alice.consumer("reader").isEmpty());
    assertEquals(latest, alice.ack("reader", latest).cursor());
    assertEquals(latest, alice.consumer("reader").orElseThrow().cursor());
    assertTrue(alice.events(EventQuery.consumer("reader")).events().stream()
        .allMatch(e -> e.seq() > latest));
    alice.deleteConsumer("reader");
    assertTrue(alice.consumer("reader").isEmpty());
  }

  @Test
  void healthAndInfoDescribeTheDaemon() {
    assertTrue(alice.isHealthy());
    assertEquals(1, alice.info().apiVersion());
  }
}

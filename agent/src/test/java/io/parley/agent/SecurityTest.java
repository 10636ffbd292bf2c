package io.parley.agent;

import static io.parley.agent.DeletionTest.assertReason;
import static io.parley.agent.testing.EventRecorder.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.agent.error.AgentException;
import io.parley.agent.event.AgentEvent;
import io.parley.agent.model.NewInvitation;
import io.parley.agent.model.QueuedMessage;
import io.parley.agent.testing.TestNetwork;
import io.parley.agent.testing.TestNetwork.Pair;
import io.parley.agent.testing.TestNetwork.TestAgent;
import io.parley.protocol.agent.ConnectionLink;
import io.parley.protocol.agent.QueueUri;
import io.parley.protocol.crypto.SecureRandoms;
import io.parley.protocol.transport.RelayAddress;
import io.parley.testkit.LeakCheck;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Whoever carries a link, or pretends to be a relay, is caught. */
@ExtendWith(LeakCheck.class)
class SecurityTest {
  @RegisterExtension
  final TestNetwork net = new TestNetwork();

  @Test
  void keysSubstitutedInTheLinkShowAsDifferentSecurityCodes() throws Exception {
    TestAgent alice = net.agent("alice");
    TestAgent bob = net.agent("bob");
    TestAgent mallory = net.agent("mallory");
    NewInvitation fromAlice = alice.agent().createInvitation(null).get(30, TimeUnit.SECONDS);

    // Mallory carries the link: she joins Alice herself and hands Bob the link with her own
    // e2e keys (and her queue) in place of Alice's.
    NewInvitation own = mallory.agent().createInvitation(null).get(30, TimeUnit.SECONDS);
    ConnectionLink real = ConnectionLink.parse(fromAlice.link());
    ConnectionLink hers = ConnectionLink.parse(own.link());
    String tampered = new ConnectionLink(real.kind(), hers.queues(), hers.ratchetKey1(),
        hers.ratchetKey2(), hers.kemKey()).encode();
    String malloryToAlice = mallory.agent().join(fromAlice.link(), null)
        .get(30, TimeUnit.SECONDS);
    String bobSide = bob.agent().join(tampered, null).get(30, TimeUnit.SECONDS);

    alice.events().await(is(AgentEvent.CONNECTION_ESTABLISHED, fromAlice.connectionId()));
    bob.events().await(is(AgentEvent.CONNECTION_ESTABLISHED, bobSide));
    String aliceCode = alice.agent().connection(fromAlice.connectionId()).orElseThrow()
        .securityCode();
    String bobCode = bob.agent().connection(bobSide).orElseThrow().securityCode();
    assertNotEquals(aliceCode, bobCode, "a man in the middle shows in the codes");
    mallory.events().await(is(AgentEvent.CONNECTION_ESTABLISHED, malloryToAlice));
    assertEquals(aliceCode, mallory.agent().connection(malloryToAlice).orElseThrow()
        .securityCode(), "each half of the relay chain has a consistent code");
  }

  @Test
  void aLinkWhoseRelayKeyHashIsWrongIsRefused() throws Exception {
    TestAgent alice = net.agent("alice");
    TestAgent bob = net.agent("bob");
    NewInvitation inv = alice.agent().createInvitation(null).get(30, TimeUnit.SECONDS);
    ConnectionLink link = ConnectionLink.parse(inv.link());
    QueueUri q = link.queues().get(0);
    RelayAddress real = RelayAddress.parse(q.relay());
    RelayAddress impostor = new RelayAddress(otherKeyHash(), real.host(), real.port());
    String tampered = new ConnectionLink(link.kind(),
        List.of(new QueueUri(impostor.toString(), q.senderId(), q.e2eDhKey(), q.mode())),
        link.ratchetKey1(), link.ratchetKey2()).encode();

    assertReason(AgentException.Reason.RELAY_IDENTITY,
        () -> bob.agent().join(tampered, null).get(30, TimeUnit.SECONDS));
    assertEquals(List.of(), bob.agent().connections(), "a refused join leaves nothing");
  }

  @Test
  void anAgentConfiguredWithAWrongRelayKeyHashReportsItAndCreatesNothing() throws Exception {
    RelayAddress real = net.relay().address();
    TestAgent eve = net.agent("eve",
        List.of(new RelayAddress(otherKeyHash(), real.host(), real.port())));

    AgentEvent down = eve.events().await(is(AgentEvent.RELAY_DOWN, null));
    assertTrue(down.data().get("reason").toString().contains("identity"));
    assertReason(AgentException.Reason.RELAY_IDENTITY,
        () -> eve.agent().createInvitation(null).get(30, TimeUnit.SECONDS));
    assertEquals(List.of(), eve.agent().connections());
  }

  @Test
  void aSecondJoinerOfAnInvitationIsToldItWasUsed() throws Exception {
    TestAgent alice = net.agent("alice");
    TestAgent bob = net.agent("bob");
    TestAgent carol = net.agent("carol");
    NewInvitation inv = alice.agent().createInvitation(null).get(30, TimeUnit.SECONDS);
    bob.agent().join(inv.link(), null).get(30, TimeUnit.SECONDS);

    assertReason(AgentException.Reason.LINK_ALREADY_USED,
        () -> carol.agent().join(inv.link(), null).get(30, TimeUnit.SECONDS));
    alice.events().await(is(AgentEvent.CONNECTION_ESTABLISHED, inv.connectionId()));
  }

  @Test
  void malformedLinksAndBadCallsFailWithTypedReasons() throws Exception {
    TestAgent alice = net.agent("alice");
    TestAgent bob = net.agent("bob");
    assertReason(AgentException.Reason.BAD_LINK,
        () -> bob.agent().join("parley:/invitation#/?v=1&smp=garbage", null).get());
    assertReason(AgentException.Reason.BAD_LINK, () -> bob.agent().join("hello", null).get());
    assertReason(AgentException.Reason.UNKNOWN_CONNECTION,
        () -> bob.agent().sendText("nope", "hi", null).get());

    NewInvitation pending = alice.agent().createInvitation(null).get(30, TimeUnit.SECONDS);
    assertReason(AgentException.Reason.NOT_ESTABLISHED,
        () -> alice.agent().sendText(pending.connectionId(), "hi", null).get());
    Pair p = net.connect(alice, bob);
    String tooLong = "x".repeat(io.parley.protocol.agent.AgentLimits.MAX_TEXT_BYTES + 1);
    assertReason(AgentException.Reason.TEXT_TOO_LONG,
        () -> alice.agent().sendText(p.inviterConnection(), tooLong, null).get());
    QueuedMessage first = alice.agent().sendText(p.inviterConnection(), "once", "key-1").get();
    QueuedMessage retry = alice.agent().sendText(p.inviterConnection(), "once", "key-1").get();
    assertEquals(first.messageId(), retry.messageId(), "an idempotent retry sends nothing new");
  }

  private static String otherKeyHash() {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(SecureRandoms.bytes(32));
  }
}

package io.parley.agent;

import static io.parley.agent.testing.EventRecorder.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.parley.agent.event.AgentEvent;
import io.parley.agent.model.ConnectionInfo;
import io.parley.agent.model.ContactAddress;
import io.parley.agent.model.NewInvitation;
import io.parley.agent.testing.RawRelayClient;
import io.parley.agent.testing.TestNetwork;
import io.parley.agent.testing.TestNetwork.TestAgent;
import io.parley.protocol.agent.AgentEnvelope;
import io.parley.protocol.agent.AgentLimits;
import io.parley.protocol.agent.ConnectionLink;
import io.parley.protocol.agent.E2eEnvelope;
import io.parley.protocol.agent.QueueUri;
import io.parley.protocol.crypto.SecureRandoms;
import io.parley.protocol.crypto.X25519;
import io.parley.protocol.ratchet.Ratchet;
import io.parley.protocol.ratchet.X3dhKeyPairs;
import io.parley.protocol.transport.RelayAddress;
import io.parley.testkit.LeakCheck;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A message an agent cannot open or parse is reported as {@code connection.error} with the
 * layer that failed (docs/agent-protocol.md section 6), never dropped silently, and costs the
 * connection nothing: the real peer still connects afterwards. The bytes are what an outside
 * implementation that guessed the format wrong would send.
 */
@ExtendWith(LeakCheck.class)
class UnusableMessageTest {
  @RegisterExtension
  final TestNetwork net = new TestNetwork();

  @Test
  void aGuessedConfirmationThatDoesNotDecryptIsReportedAndTheInvitationStillWorks()
      throws Exception {
    TestAgent alice = net.agent("alice");
    NewInvitation inv = alice.agent().createInvitation(null).get(30, TimeUnit.SECONDS);
    // Well-formed layers around a ratchet message no key opens.
    byte[] keys = X3dhKeyPairs.generate().publicKeys().encode();
    byte[] garbage = SecureRandoms.bytes(AgentLimits.CONN_INFO_PADDED_BYTES + Ratchet.OVERHEAD_BYTES);
    sendToInvitation(inv, new AgentEnvelope.Confirmation(keys, garbage).encode());

    assertReported(alice, inv.connectionId(), "confirmation_undecryptable");
    assertEquals(ConnectionInfo.Status.PENDING,
        alice.agent().connection(inv.connectionId()).orElseThrow().status());

    TestAgent bob = net.agent("bob");
    bob.agent().join(inv.link(), null).get(30, TimeUnit.SECONDS);
    alice.events().await(is(AgentEvent.CONNECTION_ESTABLISHED, inv.connectionId()));
  }

  @Test
  void aConfirmationWithMalformedRatchetKeysIsReportedAsAMalformedEnvelope() throws Exception {
    TestAgent alice = net.agent("alice");
    NewInvitation inv = alice.agent().createInvitation(null).get(30, TimeUnit.SECONDS);
    byte[] shortKeys = new byte[10];
    sendToInvitation(inv, new AgentEnvelope.Confirmation(shortKeys, new byte[200]).encode());

    assertReported(alice, inv.connectionId(), "envelope_malformed");
  }

  @Test
  void anInviterStyleConfirmationSentToAnInviterIsReportedAsUnexpected() throws Exception {
    TestAgent alice = net.agent("alice");
    NewInvitation inv = alice.agent().createInvitation(null).get(30, TimeUnit.SECONDS);
    sendToInvitation(inv, new AgentEnvelope.Confirmation(null, new byte[200]).encode());

    assertReported(alice, inv.connectionId(), "confirmation_unexpected");
  }

  @Test
  void bytesThatAreNoE2eEnvelopeAreReportedAsAMalformedE2eLayer() throws Exception {
    TestAgent alice = net.agent("alice");
    NewInvitation inv = alice.agent().createInvitation(null).get(30, TimeUnit.SECONDS);
    QueueUri q = ConnectionLink.parse(inv.link()).queues().get(0);
    send(q, "hello, guessing".getBytes(StandardCharsets.UTF_8));

    assertReported(alice, inv.connectionId(), "e2e_malformed");
  }

  @Test
  void aMessageWithoutASenderKeyBeforeAnyConfirmationIsReportedAsBeforeConfirmation()
      throws Exception {
    TestAgent alice = net.agent("alice");
    NewInvitation inv = alice.agent().createInvitation(null).get(30, TimeUnit.SECONDS);
    QueueUri q = ConnectionLink.parse(inv.link()).queues().get(0);
    byte[] shared = E2eEnvelope.sharedKey(X25519.generate().privateKey(), q.e2eDhKey());
    send(q, E2eEnvelope.seal(shared, null, new AgentEnvelope.Message(new byte[300]).encode()));

    assertReported(alice, inv.connectionId(), "before_confirmation");
  }

  @Test
  void anAgentMessageBeforeTheConnectionHasARatchetIsReportedAsBeforeConfirmation()
      throws Exception {
    TestAgent alice = net.agent("alice");
    NewInvitation inv = alice.agent().createInvitation(null).get(30, TimeUnit.SECONDS);
    sendToInvitation(inv, new AgentEnvelope.Message(new byte[300]).encode());

    assertReported(alice, inv.connectionId(), "before_confirmation");
  }

  @Test
  void aMessageOnTheContactAddressThatIsNoRequestIsReportedWithoutAConnection()
      throws Exception {
    TestAgent owner = net.agent("owner");
    ContactAddress address = owner.agent().createAddress(false, null).get(30, TimeUnit.SECONDS);
    QueueUri q = ConnectionLink.parse(address.link()).queues().get(0);
    X25519.KeyPair oneTime = X25519.generate();
    byte[] shared = E2eEnvelope.sharedKey(oneTime.privateKey(), q.e2eDhKey());
    byte[] notARequest = new AgentEnvelope.ContactRequest("parley:/nothing", "x").encode();
    send(q, E2eEnvelope.seal(shared, oneTime.publicKey(), notARequest));

    AgentEvent e = owner.events().await(is(AgentEvent.CONNECTION_ERROR, null));
    assertEquals("not_a_request", e.data().get("reason"));
    assertNull(e.connectionId());
    assertEquals(0, owner.agent().requests().size(), "nothing was stored as a request");
  }

  private void sendToInvitation(NewInvitation inv, byte[] agentEnvelope) throws Exception {
    QueueUri q = ConnectionLink.parse(inv.link()).queues().get(0);
    X25519.KeyPair senderE2e = X25519.generate();
    byte[] shared = E2eEnvelope.sharedKey(senderE2e.privateKey(), q.e2eDhKey());
    send(q, E2eEnvelope.seal(shared, senderE2e.publicKey(), agentEnvelope));
  }

  /** An unauthorized SEND, which the inviter's queue takes until a joiner secures it. */
  private static void send(QueueUri q, byte[] body) throws Exception {
    try (RawRelayClient raw = new RawRelayClient()) {
      raw.client(RelayAddress.parse(q.relay())).send(q.senderId(), null, body)
          .get(30, TimeUnit.SECONDS);
    }
  }

  private static void assertReported(TestAgent agent, String connectionId, String reason)
      throws Exception {
    Predicate<AgentEvent> error = is(AgentEvent.CONNECTION_ERROR, connectionId);
    AgentEvent e = agent.events().await(error.and(x -> connectionId.equals(x.connectionId())));
    assertEquals(reason, e.data().get("reason"));
  }
}

package io.parley.agent;

import static io.parley.agent.testing.EventRecorder.is;
import static io.parley.agent.testing.EventRecorder.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.parley.agent.event.AgentEvent;
import io.parley.agent.model.ConnectionInfo;
import io.parley.agent.model.MessageInfo;
import io.parley.agent.model.MessageStatus;
import io.parley.agent.model.NewInvitation;
import io.parley.agent.model.QueuedMessage;
import io.parley.agent.testing.TestNetwork;
import io.parley.agent.testing.TestNetwork.Pair;
import io.parley.agent.testing.TestNetwork.TestAgent;
import io.parley.testkit.LeakCheck;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Relays that stop and come back: nothing queued is lost, nothing is shown twice. */
@ExtendWith(LeakCheck.class)
class RelayFaultTest {
  private static final Duration LONG = Duration.ofSeconds(60);

  @RegisterExtension
  final TestNetwork net = new TestNetwork();
  TestAgent alice;
  TestAgent bob;
  Pair p;

  @BeforeEach
  void start() throws Exception {
    alice = net.agent("alice");
    bob = net.agent("bob");
    p = net.connect(alice, bob);
  }

  @Test
  void theOutboxDrainsWhenTheRelayComesBackUp() throws Exception {
    net.relay().stop();
    AgentEvent down = alice.events().await(is(AgentEvent.RELAY_DOWN, null));
    String reason = String.valueOf(down.data().get("reason"));
    assertFalse(reason.contains("Exception"), "a reason in words: " + reason);
    List<CompletableFuture<QueuedMessage>> sent = send(0, 20);
    CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
    // The first message is retried, with the reason, while the relay is away.
    alice.events().await(e -> AgentEvent.MESSAGE_STATUS.equals(e.type())
        && "queued".equals(e.data().get("status")) && e.data().containsKey("reason"));
    assertEquals(MessageStatus.QUEUED,
        alice.agent().message(sent.get(0).get().messageId()).orElseThrow().status());

    net.relay().restart();

    assertReceivedInOrder(20);
    alice.events().awaitCount(status(p.inviterConnection(), "delivered"), 20, LONG);
    MessageInfo first = alice.agent().message(sent.get(0).get().messageId()).orElseThrow();
    assertEquals(MessageStatus.DELIVERED, first.status());
    assertEquals(true, first.attempts() > 0, "the first message needed retries");
  }

  @Test
  void messagesResumeAfterARelayRestartMidStream() throws Exception {
    List<CompletableFuture<QueuedMessage>> sent = send(0, 60);
    bob.events().awaitCount(is(AgentEvent.MESSAGE_RECEIVED, p.joinerConnection()), 20, LONG);

    net.relay().restart();
    sent.addAll(send(60, 120));

    CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
    assertReceivedInOrder(120);
    alice.events().awaitCount(status(p.inviterConnection(), "delivered"), 120, LONG);
  }

  @Test
  void queuedMessagesSurviveASenderRestartWhileTheRelayIsDown() throws Exception {
    net.relay().stop();
    List<CompletableFuture<QueuedMessage>> sent = send(0, 10);
    CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);

    alice = net.agent("alice");
    net.relay().restart();

    assertReceivedInOrder(10);
    alice.events().awaitCount(status(p.inviterConnection(), "delivered"), 10, LONG);
  }

  @Test
  void aJoinMadeWhileTheRelayIsDownResumesAfterARestartAndCompletes() throws Exception {
    NewInvitation inv = alice.agent().createInvitation(null).get(30, TimeUnit.SECONDS);
    TestAgent carol = net.agent("carol");
    net.relay().stop();
    carol.events().await(is(AgentEvent.RELAY_DOWN, null));

    String joined = carol.agent().join(inv.link(), null).get(30, TimeUnit.SECONDS);
    assertEquals(ConnectionInfo.Status.JOINING,
        carol.agent().connection(joined).orElseThrow().status());
    carol = net.agent("carol");
    net.relay().restart();

    carol.events().await(is(AgentEvent.CONNECTION_ESTABLISHED, joined));
    alice.events().await(is(AgentEvent.CONNECTION_ESTABLISHED, inv.connectionId()));
  }

  private List<CompletableFuture<QueuedMessage>> send(int from, int to) {
    List<CompletableFuture<QueuedMessage>> sent = new ArrayList<>();
    for (int i = from; i < to; i++) {
      sent.add(alice.agent().sendText(p.inviterConnection(), "m" + i, null));
    }
    return sent;
  }

  /** Exactly {@code n} messages arrived, in sending order, none skipped or repeated. */
  private void assertReceivedInOrder(int n) throws InterruptedException {
    List<AgentEvent> got = bob.events().awaitCount(
        is(AgentEvent.MESSAGE_RECEIVED, p.joinerConnection()), n, LONG);
    assertEquals(n, got.size());
    for (int i = 0; i < n; i++) {
      assertEquals("m" + i, got.get(i).data().get("text"));
      assertEquals("ok", ((Map<?, ?>) got.get(i).data().get("integrity")).get("kind"));
    }
  }
}

package io.parley.agent;

import static io.parley.agent.testing.EventRecorder.is;
import static io.parley.agent.testing.EventRecorder.status;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.parley.agent.event.AgentEvent;
import io.parley.agent.internal.store.Database;
import io.parley.agent.internal.store.InMessageRow;
import io.parley.agent.internal.store.InboxStore;
import io.parley.agent.internal.store.MsgIntegrity;
import io.parley.agent.model.NewInvitation;
import io.parley.agent.model.QueuedMessage;
import io.parley.agent.testing.ChildAgent;
import io.parley.agent.testing.TestNetwork;
import io.parley.agent.testing.TestNetwork.Pair;
import io.parley.agent.testing.TestNetwork.TestAgent;
import io.parley.testkit.LeakCheck;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The receiving agent stops mid-stream and starts again: nothing is lost or duplicated. */
@ExtendWith(LeakCheck.class)
class RestartTest {
  private static final Duration LONG = Duration.ofSeconds(90);

  @RegisterExtension
  final TestNetwork net = new TestNetwork();

  @Test
  void aReceiverClosedAndRestartedMidStreamGetsEveryMessageOnce() throws Exception {
    TestAgent alice = net.agent("alice");
    TestAgent bob = net.agent("bob");
    Pair p = net.connect(alice, bob);
    int n = 200;
    List<CompletableFuture<QueuedMessage>> sent = sendAll(alice, p.inviterConnection(), n);
    bob.events().awaitCount(is(AgentEvent.MESSAGE_RECEIVED, p.joinerConnection()), 40, LONG);

    net.stop("bob");
    CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
    bob = net.agent("bob");

    List<AgentEvent> got = bob.events().awaitCount(
        is(AgentEvent.MESSAGE_RECEIVED, p.joinerConnection()), n, LONG);
    assertEquals(n, got.size());
    for (int i = 0; i < n; i++) {
      assertEquals("m" + i, got.get(i).data().get("text"));
      assertEquals("ok", ((Map<?, ?>) got.get(i).data().get("integrity")).get("kind"));
    }
    alice.events().awaitCount(status(p.inviterConnection(), "delivered"), n, LONG);
  }

  @Test
  void aReceiverKilledInAChildJvmAndRestartedLosesAndRepeatsNothing() throws Exception {
    TestAgent alice = net.agent("alice");
    Path bobDir = net.dataDir("bob");
    int n = 300;
    String bobConnection;
    try (ChildAgent bob = ChildAgent.start(bobDir, net.relay().address(), "bob")) {
      bob.await("READY", 1, LONG);
      NewInvitation inv = alice.agent().createInvitation(null).get(30, TimeUnit.SECONDS);
      bob.send("JOIN " + inv.link());
      bobConnection = bob.await("JOINED", 1, LONG).substring("JOINED ".length());
      alice.events().await(is(AgentEvent.CONNECTION_ESTABLISHED, inv.connectionId()));
      bob.await("ESTABLISHED", 1, LONG);

      sendAll(alice, inv.connectionId(), n);
      bob.await("RECEIVED", 60, LONG);
      bob.kill();

      try (ChildAgent again = ChildAgent.start(bobDir, net.relay().address(), "bob")) {
        again.await("READY", 1, LONG);
        alice.events().awaitCount(status(inv.connectionId(), "delivered"), n, LONG);
        assertEquals(0, again.quit());
      }
    }

    try (Database db = Database.open(bobDir)) {
      List<InMessageRow> rows = db.read(tx -> tx.inbox().latest(bobConnection,
          InboxStore.MAX_PAGE_SIZE));
      assertEquals(n, rows.size(), "every message stored exactly once");
      Set<String> texts = new HashSet<>();
      for (InMessageRow r : rows) {
        assertEquals(MsgIntegrity.OK, r.integrity());
        texts.add(r.text());
      }
      Set<String> expected = new HashSet<>();
      for (int i = 0; i < n; i++) {
        expected.add("m" + i);
      }
      assertEquals(expected, texts);
    }
  }

  private static List<CompletableFuture<QueuedMessage>> sendAll(TestAgent from, String connection,
      int n) {
    List<CompletableFuture<QueuedMessage>> sent = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      sent.add(from.agent().sendText(connection, "m" + i, null));
    }
    return sent;
  }
}

package io.parley.agent;

import static io.parley.agent.testing.EventRecorder.is;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.parley.agent.event.AgentEvent;
import io.parley.agent.testing.TestNetwork.Pair;
import io.parley.agent.testing.TestNetwork.TestAgent;
import io.parley.agent.testing.TestNetwork;
import io.parley.protocol.transport.RelayAddress;
import io.parley.relay.testing.RelayFixture;
import io.parley.testkit.LeakCheck;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Agents configured with several relays keep making connections while one is down. */
@ExtendWith(LeakCheck.class)
class MultiRelayTest {
  @RegisterExtension
  final TestNetwork net = new TestNetwork();

  @Test
  void newConnectionsAreMadeOnTheRelaysThatAreUpWhileAnotherIsDown() throws Exception {
    RelayFixture second = net.relay("second");
    List<RelayAddress> both = List.of(net.relay().address(), second.address());
    TestAgent alice = net.agent("alice", both);
    TestAgent bob = net.agent("bob", both);
    String down = second.address().toString();
    second.stop();
    for (TestAgent a : List.of(alice, bob)) {
      a.events().await(e -> AgentEvent.RELAY_DOWN.equals(e.type())
          && down.equals(e.data().get("relay")));
    }

    // Taken in turn, every other queue would go to the stopped relay and its handshake stall.
    for (int i = 0; i < 4; i++) {
      Pair p = net.connect(alice, bob);
      alice.agent().sendText(p.inviterConnection(), "hello " + i, null)
          .get(10, TimeUnit.SECONDS);
      AgentEvent got = bob.events().await(is(AgentEvent.MESSAGE_RECEIVED,
          p.joinerConnection()));
      assertEquals("hello " + i, got.data().get("text"));
    }
  }
}

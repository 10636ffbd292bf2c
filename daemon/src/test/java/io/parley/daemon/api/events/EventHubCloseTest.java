package io.parley.daemon.api.events;

import static io.parley.agent.testing.EventRecorder.is;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.agent.event.AgentEvent;
import io.parley.agent.testing.TestNetwork;
import io.parley.agent.testing.TestNetwork.TestAgent;
import io.parley.testkit.LeakCheck;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** A closed hub (an API stopped on a running agent) stops following the agent's events. */
@ExtendWith(LeakCheck.class)
class EventHubCloseTest {
  /** Ring size for the test. UNIT: events. */
  private static final int RING_EVENTS = 16;

  private static long deletedConnection(TestAgent a) throws Exception {
    String id = a.agent().createInvitation(null).get(30, TimeUnit.SECONDS).connectionId();
    a.agent().deleteConnection(id).get(30, TimeUnit.SECONDS);
    return a.events().await(is(AgentEvent.CONNECTION_DELETED, id)).seq();
  }

  @Test
  void aClosedHubSeesNoEventCommittedAfterwards(@TempDir Path dir) throws Exception {
    try (TestNetwork net = new TestNetwork(dir)) {
      TestAgent alice = net.agent("alice");
      {
        EventHub hub = EventHub.start(alice.agent(), RING_EVENTS);
        long seen = deletedConnection(alice);
        // The agent's own recorder was registered first; one more event makes sure the hub,
        // called after it, has had the first.
        deletedConnection(alice);
        assertTrue(hub.latestSeq() >= seen, "the open hub follows the agent");

        hub.close();
        long afterClose = deletedConnection(alice);
        deletedConnection(alice);
        assertTrue(hub.latestSeq() < afterClose, "nothing committed after close reaches the hub; "
            + "it saw up to " + hub.latestSeq() + ", the first event after close is " + afterClose);
      }
    }
  }
}

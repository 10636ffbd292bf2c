package io.parley.agent;

import static io.parley.agent.testing.EventRecorder.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.agent.event.AgentEvent;
import io.parley.agent.testing.EventRecorder;
import io.parley.agent.testing.TestNetwork;
import io.parley.agent.testing.TestNetwork.TestAgent;
import io.parley.testkit.LeakCheck;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Adding and removing in-process event listeners on a running agent. */
@ExtendWith(LeakCheck.class)
class EventListenerTest {
  @RegisterExtension
  final TestNetwork net = new TestNetwork();
  TestAgent alice;

  @BeforeEach
  void start() throws Exception {
    alice = net.agent("alice");
  }

  /** Commits one {@code connection.deleted} event and returns its connection id. */
  private String deletedConnection() throws Exception {
    String id = alice.agent().createInvitation(null).get(30, TimeUnit.SECONDS).connectionId();
    alice.agent().deleteConnection(id).get(30, TimeUnit.SECONDS);
    return id;
  }

  /**
   * Waits until the test agent's own recorder (added when the agent started, so called before
   * listeners this test adds) has the deletion of {@code id}, and then one more event: the
   * dispatcher has finished handing out the first to every listener by then.
   */
  private void everyListenerHad(String id) throws Exception {
    alice.events().await(is(AgentEvent.CONNECTION_DELETED, id));
    String after = deletedConnection();
    alice.events().await(is(AgentEvent.CONNECTION_DELETED, after));
  }

  @Test
  void aRemovedListenerGetsNoLaterEventWhileTheOthersStillDo() throws Exception {
    EventRecorder removed = new EventRecorder();
    EventRecorder kept = new EventRecorder();
    alice.agent().addEventListener(removed);
    alice.agent().addEventListener(kept);
    String first = deletedConnection();
    removed.await(is(AgentEvent.CONNECTION_DELETED, first));

    assertTrue(alice.agent().removeEventListener(removed));
    String second = deletedConnection();
    kept.await(is(AgentEvent.CONNECTION_DELETED, second));
    everyListenerHad(second);

    assertEquals(List.of(), removed.matching(is(AgentEvent.CONNECTION_DELETED, second)));
    assertEquals(1, removed.matching(is(AgentEvent.CONNECTION_DELETED, null)).size());
  }

  @Test
  void removingAListenerThatIsNotRegisteredChangesNothingAndSaysSo() throws Exception {
    EventRecorder kept = new EventRecorder();
    alice.agent().addEventListener(kept);
    assertFalse(alice.agent().removeEventListener(new EventRecorder()), "never added");
    assertTrue(alice.agent().removeEventListener(kept));
    assertFalse(alice.agent().removeEventListener(kept), "already removed");
    alice.agent().addEventListener(kept);

    String id = deletedConnection();
    kept.await(is(AgentEvent.CONNECTION_DELETED, id));
  }

  @Test
  void aListenerAddedTwiceAndRemovedOnceStillGetsEachEventOnce() throws Exception {
    List<Long> seqs = new CopyOnWriteArrayList<>();
    Consumer<AgentEvent> twice = e -> seqs.add(e.seq());
    alice.agent().addEventListener(twice);
    alice.agent().addEventListener(twice);
    assertTrue(alice.agent().removeEventListener(twice));

    String id = deletedConnection();
    everyListenerHad(id);
    long seq = alice.events().await(is(AgentEvent.CONNECTION_DELETED, id)).seq();
    assertEquals(1, seqs.stream().filter(s -> s == seq).count(), "seen " + seqs);
  }

  @Test
  void aListenerRemovingItselfFromItsOwnCallGetsNothingMore() throws Exception {
    List<AgentEvent> seen = new CopyOnWriteArrayList<>();
    Consumer<AgentEvent> once = new Consumer<>() {
      @Override
      public void accept(AgentEvent e) {
        seen.add(e);
        alice.agent().removeEventListener(this);
      }
    };
    alice.agent().addEventListener(once);
    String first = deletedConnection();
    everyListenerHad(first);

    assertEquals(1, seen.size(), "seen " + seen);
  }
}

package io.parley.agent;

import static io.parley.agent.testing.EventRecorder.is;
import static io.parley.agent.testing.EventRecorder.status;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.parley.agent.event.AgentEvent;
import io.parley.agent.internal.store.StoreFaults.Kind;
import io.parley.agent.internal.store.StoreFaults.Step;
import io.parley.agent.internal.store.StoreFaults;
import io.parley.agent.testing.TestNetwork.Pair;
import io.parley.agent.testing.TestNetwork.TestAgent;
import io.parley.agent.testing.TestNetwork;
import io.parley.protocol.transport.RelayAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A sender backing off after QUOTA waits for the receipt of a receiver whose store fails now
 * and then: that receipt is retried, not dropped, so the outbox drains long before the
 * sender's own back-off would end.
 */
class StoreFailureQuotaTest {
  private static final int QUOTA = 10;
  /** Far longer than the test may take: only the receiver's receipt can end the back-off. */
  private static final long LONG_RETRY_MILLIS = 120_000;
  private static final Duration WITHIN = Duration.ofSeconds(40);

  @RegisterExtension
  final TestNetwork net = new TestNetwork();

  @AfterEach
  void uninstall() {
    StoreFaults.uninstall(net.dataDir("bob"));
  }

  @Test
  void aSenderHeldBackByQuotaDrainsWhileTheReceiversStoreRefusesEveryThirdUnit()
      throws Exception {
    StoreFaults bobStore = StoreFaults.install(net.dataDir("bob"));
    List<RelayAddress> small = List.of(net.relay("small", QUOTA).address());
    TestAgent alice = net.agent("alice", small,
        c -> c.withRetry(LONG_RETRY_MILLIS, LONG_RETRY_MILLIS));
    TestAgent bob = net.agent("bob", small);
    Pair p = net.connect(alice, bob);

    // Every third unit: a pattern that no retry cycle of the receiver stays in step with.
    bobStore.failEvery(Step.UNIT, Kind.DISK_FULL, 3);
    int n = 3 * QUOTA;
    for (int i = 0; i < n; i++) {
      alice.agent().sendText(p.inviterConnection(), "m" + i, null).get(10, TimeUnit.SECONDS);
    }
    List<AgentEvent> got = bob.events().awaitCount(
        is(AgentEvent.MESSAGE_RECEIVED, p.joinerConnection()), n, WITHIN);
    alice.events().awaitCount(status(p.inviterConnection(), "delivered"), n, WITHIN);
    got = bob.events().matching(is(AgentEvent.MESSAGE_RECEIVED, p.joinerConnection()));
    assertEquals(n, got.size(), "each message once");
    for (int i = 0; i < n; i++) {
      assertEquals("m" + i, got.get(i).data().get("text"));
      assertEquals("ok", ((Map<?, ?>) got.get(i).data().get("integrity")).get("kind"));
    }
  }
}

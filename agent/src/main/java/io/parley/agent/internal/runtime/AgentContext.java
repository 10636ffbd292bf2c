package io.parley.agent.internal.runtime;

import io.parley.agent.internal.state.Connections;
import io.parley.agent.internal.client.RelayClientPool;
import io.parley.agent.internal.delivery.Deliveries;
import io.parley.agent.internal.delivery.Outbox;
import io.parley.agent.internal.delivery.RetryPolicy;
import io.parley.agent.internal.delivery.RetryScheduler;
import io.parley.agent.internal.store.Database;
import io.parley.protocol.transport.RelayAddress;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutorService;

/**
 * The parts of one running agent that its handshake, receive and contact-address logic share.
 * Everything in it is thread-safe.
 *
 * @param executor runs continuations that may wait on a connection's monitor or do heavy
 *     crypto, so the relay clients' threads are never held up. The store's completion thread
 *     runs short continuations itself when the monitor is known to be free (the ACK after a
 *     received message commits: the relay sends that queue nothing more until the ACK)
 * @param profiles this agent's profiles: what each sends to peers
 * @param retries paces the retries of steps that talk to a relay (joins, deliveries)
 * @param postQuantum whether this agent offers and accepts the hybrid post-quantum ratchet
 */
public record AgentContext(
    OwnProfiles profiles,
    RetryPolicy retries,
    Clock clock,
    Database store,
    Connections connections,
    RelayClientPool pool,
    Deliveries deliveries,
    Outbox outbox,
    RetryScheduler timers,
    ExecutorService executor,
    RelayChooser relays,
    boolean postQuantum) {

  /** The relay for this agent's next own queue: the configured relays in turn, up ones first. */
  public RelayAddress nextRelay() {
    return relays.next();
  }

  /** The relays for a new connection's receive queues, one queue each (docs/agent.md 2.1). */
  public List<RelayAddress> relaysForNewConnection() {
    return relays.forNewConnection();
  }

  /** Epoch milliseconds of the agent clock. */
  public long now() {
    return clock.millis();
  }
}

package io.parley.agent.internal.delivery;

import io.parley.agent.event.AgentEvent;
import io.parley.agent.internal.events.EventLog;
import io.parley.agent.internal.state.ConnectionState;
import io.parley.agent.internal.state.Connections;
import io.parley.agent.internal.client.RelayClient;
import io.parley.agent.internal.client.RelayClientPool;
import io.parley.agent.internal.store.Database;
import io.parley.agent.internal.store.OutMessageKind;
import io.parley.agent.internal.store.SndQueueRow;
import io.parley.agent.internal.store.SndQueueStatus;
import io.parley.agent.internal.store.StoreTransaction;
import io.parley.agent.internal.store.StoreTx;
import io.parley.agent.model.MessageStatus;
import io.parley.protocol.crypto.CryptoException;
import io.parley.protocol.transport.InvalidRelayAddressException;
import io.parley.protocol.transport.RelayAddress;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * The delivery side of the agent: one {@link DeliveryWorker} per connection with something to
 * send, and the store writes that record what the relays answered (sent, failed, retry due).
 * Retry timers run on the {@link RetryScheduler}; a relay coming back up wakes the workers
 * that send to it. Thread-safe.
 */
public final class Deliveries {
  private static final System.Logger LOG = System.getLogger(Deliveries.class.getName());
  private static final String RETRY_GROUP = "retry";

  /**
   * What else happens when the relay accepts a control message (the inviter's confirmation
   * completes its handshake): the layer that runs handshakes supplies it, so delivery never
   * calls up into it by name. Called with the connection's monitor held; the returned work, if
   * any, joins the unit that marks the message sent.
   */
  @FunctionalInterface
  public interface AcceptHook {
    StoreTransaction<Void> accepted(ConnectionState s, OutItem item);
  }

  private final Database store;
  private final Connections connections;
  private final RelayClientPool pool;
  private final RetryScheduler timers;
  private final Executor executor;
  private final Clock clock;
  private final RetryPolicy policy;
  private final int maxInFlight;
  private final Map<String, DeliveryWorker> workers = new ConcurrentHashMap<>();
  private final Map<String, RelayAddress> addresses = new ConcurrentHashMap<>();
  private final AcceptHook controlAccepted;
  private final Outbox outbox;

  /** @param controlAccepted called when the relay accepts a {@code CONTROL} message */
  public Deliveries(Database store, Connections connections, RelayClientPool pool,
      RetryScheduler timers, Executor executor, Clock clock, RetryPolicy policy,
      int maxInFlight, AcceptHook controlAccepted) {
    this.store = store;
    this.connections = connections;
    this.pool = pool;
    this.timers = timers;
    this.executor = executor;
    this.clock = clock;
    this.policy = policy;
    this.maxInFlight = maxInFlight;
    this.controlAccepted = controlAccepted;
    this.outbox = new Outbox(store, clock, this, executor);
  }

  /** Where messages are sealed and queued for these workers. */
  public Outbox outbox() {
    return outbox;
  }

  /**
   * Reserves a sealed message's place in its connection's sending order; call it under the
   * connection's monitor, right after sealing, then {@link #committed} or {@link #abandon}
   * once its unit has finished.
   */
  public void reserve(String connectionId, OutItem item) {
    worker(connectionId).reserve(item);
  }

  /** The unit of a reserved message committed. */
  public void committed(String connectionId, OutItem item) {
    DeliveryWorker w = workers.get(connectionId);
    if (w != null) {
      w.committed(item);
    }
  }

  /** The unit of a reserved message failed. */
  public void abandon(String connectionId, OutItem item) {
    DeliveryWorker w = workers.get(connectionId);
    if (w != null) {
      w.abandon(item);
    }
  }

  /**
   * Follows a unit that stores a reserved message: sends it after the commit, drops it if the
   * unit failed.
   */
  public <T> CompletableFuture<T> afterCommit(String connectionId,
      OutItem item, CompletableFuture<T> unit) {
    unit.whenComplete((r, e) -> {
      if (e == null) {
        committed(connectionId, item);
      } else {
        abandon(connectionId, item);
      }
    });
    return unit;
  }

  /** Hands a committed outbox message to its connection's worker. */
  public void enqueue(String connectionId, OutItem item) {
    worker(connectionId).add(item);
  }

  /**
   * Restores a connection's queued messages after a start, with the retry count and due time
   * stored on the first of them.
   *
   * @param nextAttemptAt UNIT: epoch milliseconds (of the agent clock)
   */
  public void resume(String connectionId, List<OutItem> queued, int attempts,
      long nextAttemptAt) {
    if (queued.isEmpty()) {
      return;
    }
    DeliveryWorker w = worker(connectionId);
    w.restoreAttempts(attempts);
    long wait = nextAttemptAt - clock.millis();
    if (attempts > 0 && wait > 0) {
      w.backOffUntilWoken();
      w.backOffFor(wait);
      timers.once(RETRY_GROUP, connectionId, wait, w::wake);
    }
    for (OutItem item : queued) {
      w.add(item);
    }
  }

  /** Wakes every worker sending to this relay (it just came up). */
  public void wakeRelay(RelayAddress relay) {
    String r = relay.toString();
    workers.values().forEach(w -> {
      if (r.equals(w.relay())) {
        executor.execute(w::wake);
      }
    });
  }

  /**
   * The periodic sweep's safety net: every worker sends what it holds, and a back-off whose
   * time has passed ends here even if its timer was lost.
   */
  public void pumpAll() {
    long now = System.nanoTime();
    workers.values().forEach(w -> executor.execute(() -> w.sweep(now)));
  }

  /** Wakes one connection's worker (its send queue became known). */
  public void wake(String connectionId) {
    DeliveryWorker w = workers.get(connectionId);
    if (w != null) {
      w.wake();
    }
  }

  /** Stops a deleted connection's worker; nothing of it is sent any more. */
  public void stop(String connectionId) {
    DeliveryWorker w = workers.remove(connectionId);
    if (w != null) {
      w.stop();
    }
    timers.cancel(RETRY_GROUP, connectionId);
  }

  /** Stops every worker (the agent closes). */
  public void stopAll() {
    workers.values().forEach(DeliveryWorker::stop);
  }

  Executor executor() {
    return executor;
  }

  SndQueueRow target(String connectionId) {
    return connections.get(connectionId).map(ConnectionState::snd).orElse(null);
  }

  RelayClient client(String relay) {
    RelayAddress a = addresses.computeIfAbsent(relay, r -> {
      try {
        return RelayAddress.parse(r);
      } catch (InvalidRelayAddressException e) {
        throw new IllegalArgumentException("stored relay address does not parse", e);
      }
    });
    return pool.client(a);
  }

  /**
   * The relay accepted {@code item}: record it as sent. A receipt frees the way for the next
   * one; a control message gets whatever {@link #controlAccepted} adds.
   */
  void accepted(String connectionId, OutItem item) {
    Optional<ConnectionState> state = connections.get(connectionId);
    if (state.isEmpty()) {
      store.write(tx -> markSent(tx, connectionId, item, null));
      return;
    }
    ConnectionState s = state.get();
    synchronized (s) {
      if (item.kind() == OutMessageKind.RECEIPT) {
        s.setReceiptPending(false);
        outbox.queueReceiptLocked(s);
      }
      StoreTransaction<Void> extra = item.kind() == OutMessageKind.CONTROL
          ? controlAccepted.accepted(s, item) : null;
      store.write(tx -> markSent(tx, connectionId, item, extra));
    }
  }

  private static Void markSent(StoreTx tx, String connectionId,
      OutItem item, StoreTransaction<Void> extra) throws Exception {
    boolean changed = tx.outbox().markSent(item.id());
    if (changed && item.kind() == OutMessageKind.TEXT) {
      EventLog.append(tx, AgentEvent.MESSAGE_STATUS, connectionId,
          Map.of("messageId", item.id(), "status", MessageStatus.SENT.label()));
    }
    if (extra != null) {
      extra.run(tx);
    }
    return null;
  }

  /** The peer's queue is now secured with our key. */
  void secured(String connectionId) {
    changeQueueStatus(connectionId, SndQueueStatus.SECURED, List.of(), null);
  }

  /**
   * Messages failed for good; with {@code queueFailed} the peer's queue is marked failed too, so
   * later messages fail at once.
   */
  void failed(String connectionId, List<OutItem> items, String reason, boolean queueFailed) {
    LOG.log(Level.DEBUG, () -> items.size() + " message(s) failed: " + reason);
    changeQueueStatus(connectionId, queueFailed ? SndQueueStatus.FAILED : null, items, reason);
  }

  private void changeQueueStatus(String connectionId, SndQueueStatus status, List<OutItem> failed,
      String reason) {
    Optional<ConnectionState> state = connections.get(connectionId);
    Object lock = state.isPresent() ? state.get() : this;
    synchronized (lock) {
      Long queueId = null;
      if (state.isPresent() && status != null && state.get().snd() != null) {
        ConnectionState s = state.get();
        SndQueueRow q = s.snd();
        SndQueueRow changed = new SndQueueRow(q.id(), q.connectionId(), q.relay(), q.senderId(),
            q.sndAuthKey(), q.e2eKey(), q.e2ePeerKey(), status, q.createdAt(), clock.millis());
        try {
          s.setSnd(changed);
        } catch (CryptoException e) {
          LOG.log(Level.WARNING, "stored e2e keys of a send queue are unusable");
        }
        queueId = q.id();
      }
      if (state.isPresent()) {
        for (OutItem item : failed) {
          if (item.kind() == OutMessageKind.RECEIPT) {
            state.get().setReceiptPending(false);
          }
        }
      }
      Long qid = queueId;
      store.write(tx -> {
        if (qid != null) {
          tx.queues().setSndStatus(qid, status);
        }
        for (OutItem item : failed) {
          if (tx.outbox().markFailed(item.id(), reason) && item.kind() == OutMessageKind.TEXT) {
            EventLog.append(tx, AgentEvent.MESSAGE_STATUS, connectionId, Map.of("messageId",
                item.id(), "status", MessageStatus.FAILED.label(), "reason", reason));
          }
        }
        return null;
      });
    }
  }

  /** A round failed: store the retry on the first waiting message and set its timer. */
  void retryLater(String connectionId, OutItem head, int attempt, String reason) {
    long delay = policy.delayMillis(attempt);
    DeliveryWorker w = workers.get(connectionId);
    if (w == null) {
      return;
    }
    if (head != null) {
      long due = clock.millis() + delay;
      store.write(tx -> {
        if (tx.outbox().scheduleRetry(head.id(), due, reason)
            && head.kind() == OutMessageKind.TEXT) {
          Map<String, Object> data = new HashMap<>();
          data.put("messageId", head.id());
          data.put("status", MessageStatus.QUEUED.label());
          data.put("reason", reason);
          EventLog.append(tx, AgentEvent.MESSAGE_STATUS, connectionId, data);
        }
        return null;
      });
    }
    w.backOffFor(delay);
    timers.once(RETRY_GROUP, connectionId, delay, w::wake);
  }

  private DeliveryWorker worker(String connectionId) {
    return workers.computeIfAbsent(connectionId,
        id -> new DeliveryWorker(id, this, maxInFlight));
  }
}

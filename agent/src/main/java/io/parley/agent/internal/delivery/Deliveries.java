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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * The delivery side of the agent: for each connection with something to send, one
 * {@link DeliveryWorker} per send queue (the peer's queues on the relays it chose), and the
 * store writes that record what the relays answered (sent, failed, retry due). Every message
 * goes to every send queue, each copy sealed for its queue; the message is sent when the first
 * relay accepts it, and a queue that is down or slow holds up only its own copies, which are
 * dropped once the peer's receipt shows it has the message ({@link Copies}). Retry timers run
 * on the {@link RetryScheduler}; a relay coming back up wakes the workers that send to it.
 * Thread-safe.
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
  private final Map<String, Fanout> fanouts = new ConcurrentHashMap<>();
  private final Map<String, RelayAddress> addresses = new ConcurrentHashMap<>();
  /** Relays whose session is down now: a peer's receipt does not wake their workers. */
  private final Set<String> down = ConcurrentHashMap.newKeySet();
  private final AcceptHook controlAccepted;
  private final Outbox outbox;

  /**
   * One connection's workers, by send queue row id, and the copies of its messages in play.
   * {@code copies} and changes to the worker set are guarded by this object's monitor, which is
   * never held while calling a worker that may call back.
   */
  private static final class Fanout {
    final Map<Long, DeliveryWorker> workers = new ConcurrentHashMap<>();
    final Map<Long, Copies> copies = new HashMap<>();
  }

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
   * Reserves a sealed message's place in its connection's sending order on every send queue;
   * call it under the connection's monitor, right after sealing, then {@link #committed} or
   * {@link #abandon} once its unit has finished.
   */
  public void reserve(String connectionId, OutItem item) {
    for (DeliveryWorker w : track(connectionId, item, false)) {
      w.reserve(item);
    }
  }

  /** The unit of a reserved message committed. */
  public void committed(String connectionId, OutItem item) {
    for (DeliveryWorker w : existing(connectionId)) {
      w.committed(item);
    }
  }

  /** The unit of a reserved message failed. */
  public void abandon(String connectionId, OutItem item) {
    Fanout f = fanouts.get(connectionId);
    if (f != null) {
      synchronized (f) {
        f.copies.remove(item.agentMsgId());
      }
    }
    for (DeliveryWorker w : existing(connectionId)) {
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

  /** Hands a committed outbox message to its connection's workers, one copy per send queue. */
  public void enqueue(String connectionId, OutItem item) {
    for (DeliveryWorker w : track(connectionId, item, false)) {
      w.add(item);
    }
  }

  /**
   * Restores a connection's messages still in play after a start, with the retry count and due
   * time stored on the first of them. A message a relay had accepted but the peer had not yet
   * acknowledged is sent again on every queue (the peer drops the copies it already has): which
   * queues had accepted it is not stored.
   *
   * @param sent the ids among {@code queued} that are already {@code sent}
   * @param nextAttemptAt UNIT: epoch milliseconds (of the agent clock)
   */
  public void resume(String connectionId, List<OutItem> queued, Set<String> sent, int attempts,
      long nextAttemptAt) {
    if (queued.isEmpty()) {
      return;
    }
    long wait = nextAttemptAt - clock.millis();
    List<DeliveryWorker> ws = List.of();
    for (OutItem item : queued) {
      ws = track(connectionId, item, sent.contains(item.id()));
    }
    for (DeliveryWorker w : ws) {
      w.restoreAttempts(attempts);
      if (attempts > 0 && wait > 0) {
        w.backOffUntilWoken();
        w.backOffFor(wait);
        timers.once(RETRY_GROUP, timerName(connectionId, w.queueId()), wait, w::wake);
      }
    }
    for (OutItem item : queued) {
      for (DeliveryWorker w : ws) {
        w.add(item);
      }
    }
  }

  /** The relay's session went down: its workers wait for it (or their timers, or the sweep). */
  public void relayDown(RelayAddress relay) {
    down.add(relay.toString());
  }

  /** Wakes every worker sending to this relay (it just came up). */
  public void wakeRelay(RelayAddress relay) {
    String r = relay.toString();
    down.remove(r);
    fanouts.values().forEach(f -> f.workers.values().forEach(w -> {
      if (r.equals(w.relay())) {
        executor.execute(w::wake);
      }
    }));
  }

  /**
   * The periodic sweep's safety net: every worker sends what it holds, and a back-off whose
   * time has passed ends here even if its timer was lost.
   */
  public void pumpAll() {
    long now = System.nanoTime();
    fanouts.values().forEach(f -> f.workers.values()
        .forEach(w -> executor.execute(() -> w.sweep(now))));
  }

  /**
   * Wakes one connection's workers (its send queues changed, or the peer drained one), but for
   * those whose relay is down: with several queues a receipt arrives many times a second over
   * the other path, and each wake of a worker whose relay is gone would be a round of SENDs
   * failing at once.
   */
  public void wake(String connectionId) {
    for (DeliveryWorker w : track(connectionId, null, false)) {
      String r = w.relay();
      if (r == null || !down.contains(r)) {
        w.wake();
      }
    }
  }

  /**
   * The peer's receipt shows it holds every message up to {@code upTo}: copies of them still
   * waiting for a queue that is down or slow are of no use any more and are dropped. Only
   * copies of messages a relay accepted are dropped: a receipt counts past a gap (a message
   * reported {@code skipped}), and the missing message must still go out wherever it waits.
   * Runs on the executor; callers may hold the connection's monitor.
   */
  public void delivered(String connectionId, long upTo) {
    executor.execute(() -> {
      Fanout f = fanouts.get(connectionId);
      if (f == null || f.workers.size() < 2) {
        return;
      }
      Set<Long> accepted = new HashSet<>();
      synchronized (f) {
        f.copies.forEach((position, c) -> {
          if (position <= upTo && c.accepted()) {
            accepted.add(position);
          }
        });
      }
      List<String> done = new ArrayList<>();
      for (DeliveryWorker w : List.copyOf(f.workers.values())) {
        for (OutItem item : w.dropUpTo(upTo, accepted)) {
          if (outcome(f, item, Copies::drop) == Copies.Outcome.LAST_AFTER_ACCEPTED) {
            done.add(item.id());
          }
        }
      }
      if (!done.isEmpty()) {
        store.write(tx -> {
          for (String id : done) {
            tx.outbox().dropPayload(id);
          }
          return null;
        });
      }
    });
  }

  /** Stops a deleted connection's workers; nothing of it is sent any more. */
  public void stop(String connectionId) {
    Fanout f = fanouts.remove(connectionId);
    if (f != null) {
      for (DeliveryWorker w : f.workers.values()) {
        w.stop();
        timers.cancel(RETRY_GROUP, timerName(connectionId, w.queueId()));
      }
    }
  }

  /** Stops every worker (the agent closes). */
  public void stopAll() {
    fanouts.values().forEach(f -> f.workers.values().forEach(DeliveryWorker::stop));
  }

  Executor executor() {
    return executor;
  }

  SndQueueRow target(String connectionId, long queueId) {
    return connections.get(connectionId).map(s -> s.sndQueue(queueId)).orElse(null);
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
   * A relay accepted one copy of {@code item}. The first acceptance records it as sent (a
   * receipt frees the way for the next one; a control message gets whatever
   * {@link #controlAccepted} adds); the last copy to end lets its payload go.
   */
  void accepted(String connectionId, long queueId, OutItem item) {
    Fanout f = fanouts.get(connectionId);
    Copies.Outcome o = f == null ? Copies.Outcome.ONLY_ACCEPTED : outcome(f, item, Copies::accept);
    if (o == Copies.Outcome.NONE) {
      return;
    }
    if (o == Copies.Outcome.LAST_AFTER_ACCEPTED) {
      store.write(tx -> {
        tx.outbox().dropPayload(item.id());
        return null;
      });
      return;
    }
    boolean dropPayload = o == Copies.Outcome.ONLY_ACCEPTED;
    Optional<ConnectionState> state = connections.get(connectionId);
    if (state.isEmpty()) {
      store.write(tx -> markSent(tx, connectionId, item, dropPayload, null));
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
      store.write(tx -> markSent(tx, connectionId, item, dropPayload, extra));
    }
  }

  private static Void markSent(StoreTx tx, String connectionId, OutItem item,
      boolean dropPayload, StoreTransaction<Void> extra) throws Exception {
    boolean changed = tx.outbox().markSent(item.id(), dropPayload);
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
  void secured(String connectionId, long queueId) {
    changeQueueStatus(connectionId, queueId, SndQueueStatus.SECURED, List.of(), null);
  }

  /**
   * Copies failed for good on one queue; with {@code queueFailed} that queue is marked failed
   * too, so later copies for it fail at once. A message fails only when its copy failed on every
   * queue and none was accepted.
   */
  void failed(String connectionId, long queueId, List<OutItem> items, String reason,
      boolean queueFailed) {
    LOG.log(Level.DEBUG, () -> items.size() + " message copies failed: " + reason);
    Fanout f = fanouts.get(connectionId);
    List<OutItem> failedForGood = new ArrayList<>();
    List<String> payloadDone = new ArrayList<>();
    for (OutItem item : items) {
      Copies.Outcome o = f == null ? Copies.Outcome.ALL_FAILED : outcome(f, item, Copies::fail);
      if (o == Copies.Outcome.ALL_FAILED) {
        failedForGood.add(item);
      } else if (o == Copies.Outcome.LAST_AFTER_ACCEPTED) {
        payloadDone.add(item.id());
      }
    }
    if (queueFailed && replaced(connectionId, queueId)) {
      // The peer deleted a queue it had moved this side off (queue rotation): the copies still
      // meant for it are of no use, and the queue goes.
      dropQueue(connectionId, queueId, failedForGood, reason);
    } else {
      changeQueueStatus(connectionId, queueId, queueFailed ? SndQueueStatus.FAILED : null,
          failedForGood, reason);
    }
    if (!payloadDone.isEmpty()) {
      store.write(tx -> {
        for (String id : payloadDone) {
          tx.outbox().dropPayload(id);
        }
        return null;
      });
    }
  }

  /** Whether a later send queue of the connection is usable: this one was rotated away. */
  private boolean replaced(String connectionId, long queueId) {
    return connections.get(connectionId).map(s -> s.sndQueues().stream()
        .anyMatch(q -> q.id() > queueId && q.status() != SndQueueStatus.FAILED))
        .orElse(false);
  }

  private void dropQueue(String connectionId, long queueId, List<OutItem> failed,
      String reason) {
    Optional<ConnectionState> state = connections.get(connectionId);
    if (state.isEmpty()) {
      return;
    }
    ConnectionState s = state.get();
    synchronized (s) {
      s.removeSnd(queueId);
      store.write(tx -> {
        tx.queues().deleteSnd(queueId);
        for (OutItem item : failed) {
          if (tx.outbox().markFailed(item.id(), reason) && item.kind() == OutMessageKind.TEXT) {
            EventLog.append(tx, AgentEvent.MESSAGE_STATUS, connectionId, Map.of("messageId",
                item.id(), "status", MessageStatus.FAILED.label(), "reason", reason));
          }
        }
        return null;
      });
    }
    // Rebuilds the worker set without the queue.
    executor.execute(() -> track(connectionId, null, false));
  }

  private void changeQueueStatus(String connectionId, long queueId, SndQueueStatus status,
      List<OutItem> failed, String reason) {
    if (status == null && failed.isEmpty()) {
      return;
    }
    Optional<ConnectionState> state = connections.get(connectionId);
    Object lock = state.isPresent() ? state.get() : this;
    synchronized (lock) {
      Long changedQueue = null;
      if (state.isPresent() && status != null) {
        ConnectionState s = state.get();
        SndQueueRow q = s.sndQueue(queueId);
        if (q != null) {
          s.putSnd(new SndQueueRow(q.id(), q.connectionId(), q.relay(), q.senderId(),
              q.sndAuthKey(), q.e2eKey(), q.e2ePeerKey(), status, q.createdAt(), clock.millis()));
          changedQueue = q.id();
        }
      }
      if (state.isPresent()) {
        for (OutItem item : failed) {
          if (item.kind() == OutMessageKind.RECEIPT) {
            state.get().setReceiptPending(false);
          }
        }
      }
      Long qid = changedQueue;
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
  void retryLater(String connectionId, long queueId, OutItem head, int attempt, String reason) {
    long delay = policy.delayMillis(attempt);
    Fanout f = fanouts.get(connectionId);
    DeliveryWorker w = f == null ? null : f.workers.get(queueId);
    if (w == null) {
      return;
    }
    boolean sentElsewhere = false;
    if (head != null) {
      synchronized (f) {
        Copies c = f.copies.get(head.agentMsgId());
        sentElsewhere = c != null && c.accepted();
      }
    }
    // A copy for a queue that is down or full, of a message another relay took already: its
    // retries are this queue's business only, and not worth a write.
    if (head != null && !sentElsewhere) {
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
    timers.once(RETRY_GROUP, timerName(connectionId, queueId), delay, w::wake);
  }

  /** Applies one copy's end to its message's tally, under the fan-out's monitor. */
  private static Copies.Outcome outcome(Fanout f, OutItem item,
      java.util.function.Function<Copies, Copies.Outcome> step) {
    synchronized (f) {
      Copies c = f.copies.get(item.agentMsgId());
      if (c == null) {
        // Not tracked (a copy ending after its connection's workers were rebuilt): treat it
        // as the only one.
        return step.apply(new Copies(1, false));
      }
      Copies.Outcome o = step.apply(c);
      if (c.settled()) {
        f.copies.remove(item.agentMsgId());
      }
      return o;
    }
  }

  /**
   * The connection's workers, one per send queue it has now (workers of queues it no longer
   * has are stopped), and, with {@code item}, the tally of that message's copies.
   */
  private List<DeliveryWorker> track(String connectionId, OutItem item, boolean alreadySent) {
    Fanout f = fanouts.computeIfAbsent(connectionId, id -> new Fanout());
    List<SndQueueRow> queues = connections.get(connectionId)
        .map(ConnectionState::sndQueues).orElse(List.of());
    List<DeliveryWorker> out = new ArrayList<>(queues.size());
    List<DeliveryWorker> stale = new ArrayList<>();
    synchronized (f) {
      for (SndQueueRow q : queues) {
        out.add(f.workers.computeIfAbsent(q.id(),
            qid -> new DeliveryWorker(connectionId, qid, this, maxInFlight)));
      }
      if (f.workers.size() > out.size()) {
        Set<Long> live = new HashSet<>();
        queues.forEach(q -> live.add(q.id()));
        f.workers.entrySet().removeIf(e -> {
          if (!live.contains(e.getKey())) {
            stale.add(e.getValue());
            return true;
          }
          return false;
        });
      }
      if (item != null && !out.isEmpty()) {
        f.copies.putIfAbsent(item.agentMsgId(), new Copies(out.size(), alreadySent));
      }
    }
    for (DeliveryWorker w : stale) {
      w.stop();
      timers.cancel(RETRY_GROUP, timerName(connectionId, w.queueId()));
    }
    return out;
  }

  /** The workers a connection has, without creating any. */
  private List<DeliveryWorker> existing(String connectionId) {
    Fanout f = fanouts.get(connectionId);
    return f == null ? List.of() : List.copyOf(f.workers.values());
  }

  private static String timerName(String connectionId, long queueId) {
    return connectionId + "/" + queueId;
  }
}

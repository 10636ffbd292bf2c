package io.parley.agent.internal.handshake;

import io.parley.agent.error.AgentException;
import io.parley.agent.event.AgentEvent;
import io.parley.agent.internal.client.RelayClient;
import io.parley.agent.internal.client.RelayErrorException;
import io.parley.agent.internal.delivery.OutItem;
import io.parley.agent.internal.delivery.Outbox;
import io.parley.agent.internal.delivery.SendFailure;
import io.parley.agent.internal.events.EventLog;
import io.parley.agent.internal.runtime.AgentContext;
import io.parley.agent.internal.runtime.NewQueue;
import io.parley.agent.internal.state.ConnectionState;
import io.parley.agent.internal.state.Connections;
import io.parley.agent.internal.store.OutMessageRow;
import io.parley.agent.internal.store.RcvQueueRow;
import io.parley.agent.internal.store.RcvQueueStatus;
import io.parley.agent.internal.store.RcvRotation;
import io.parley.agent.internal.store.SndQueueRow;
import io.parley.agent.internal.store.SndQueueStatus;
import io.parley.agent.internal.store.StoreTransaction;
import io.parley.protocol.ErrorCode;
import io.parley.protocol.agent.AgentFormatException;
import io.parley.protocol.agent.AgentMessage;
import io.parley.protocol.agent.QueueUri;
import io.parley.protocol.command.QueueMode;
import io.parley.protocol.crypto.X25519;
import io.parley.protocol.transport.InvalidRelayAddressException;
import io.parley.protocol.transport.RelayAddress;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Queue rotation (docs/agent.md 2.2), both sides. The receiver makes a new queue ({@code NEW},
 * not subscribed) and offers it with {@code QADD} through the ratchet; the sender adds it as a
 * send queue, then seals {@code QUSE} (its e2e key for the queue), after which every message it
 * seals goes on the new queue too, and secures the queue ({@code SKEY}) before its first SEND
 * there. The receiver, handling {@code QUSE} in sequence, holds every message up to it, so the
 * replaced queue can carry nothing it lacks: it subscribes the new queue and deletes the old one
 * ({@code DEL}), and the sender's next SEND there is answered {@code AUTH}, dropping that send
 * queue. Every step is a stored row, so a restart resumes it. Thread-safe.
 */
public final class Rotations {
  private static final System.Logger LOG = System.getLogger(Rotations.class.getName());
  private static final byte[] NONE = new byte[0];

  private final AgentContext ctx;
  /** Connections whose rotation is being started (its queue is being made). */
  private final Set<String> starting = ConcurrentHashMap.newKeySet();
  /** Replaced receive queues still to be deleted on their relays, by row id. */
  private final Map<Long, RcvQueueRow> draining = new ConcurrentHashMap<>();

  public Rotations(AgentContext ctx) {
    this.ctx = ctx;
  }

  /** What a started rotation looks like to its caller. */
  public record Started(String connectionId, String relay) {}

  /**
   * Starts rotating one receive queue of an established connection to {@code relay} (null:
   * another relay than the connection's, if there is one, else the same). Completes once the
   * new queue is made and the offer to the peer is stored.
   *
   * @param replace whether the new queue replaces the oldest one (false: it is added beside
   *     them, giving the connection one more queue)
   * @throws AgentException (in the future) UNKNOWN_CONNECTION, NOT_ESTABLISHED,
   *     ROTATION_IN_PROGRESS, RELAY_UNAVAILABLE, STORE_UNAVAILABLE
   */
  public CompletableFuture<Started> rotate(ConnectionState s, RelayAddress relay, boolean replace) {
    return start(s, relay, replace, null);
  }

  /**
   * Moves one given receive queue of the connection to another relay (retiring its relay);
   * does nothing (completes with null) if the queue is gone, or already replaced.
   */
  public CompletableFuture<Started> moveOff(ConnectionState s, long queueId) {
    return start(s, null, true, queueId);
  }

  private CompletableFuture<Started> start(ConnectionState s, RelayAddress relay,
      boolean replace, Long queueId) {
    RcvQueueRow old;
    RelayAddress target;
    synchronized (s) {
      if (s.gone()) {
        return failed(AgentException.Reason.UNKNOWN_CONNECTION, "no such connection");
      }
      if (!s.established() || s.ratchet() == null || s.rcvQueues().isEmpty()
          || s.sndQueues().isEmpty()) {
        return failed(AgentException.Reason.NOT_ESTABLISHED,
            "the connection is not established yet");
      }
      if (s.rotating() || !starting.add(s.id())) {
        return failed(AgentException.Reason.ROTATION_IN_PROGRESS,
            "a rotation of this connection's queues is in progress");
      }
      old = queueId != null ? s.rcvQueue(queueId) : replace ? replaced(s, relay) : null;
      if (queueId != null && (old == null || s.rotation(queueId) != null)) {
        starting.remove(s.id());
        return CompletableFuture.completedFuture(null);
      }
      try {
        target = relay != null ? relay : chooseRelay(s, old);
      } catch (RuntimeException e) {
        starting.remove(s.id());
        throw e;
      }
    }
    CompletableFuture<Started> done = NewQueue.create(ctx, target, QueueMode.MESSAGING, false)
        .thenCompose(nq -> offer(s, nq, old))
        .thenApply(v -> new Started(s.id(), target.host() + ":" + target.port()));
    done.whenComplete((v, e) -> starting.remove(s.id()));
    return done;
  }

  /** The queue to replace: the oldest one in use, preferring one on {@code relay}'s other. */
  private static RcvQueueRow replaced(ConnectionState s, RelayAddress relay) {
    RcvQueueRow first = null;
    for (RcvQueueRow q : s.rcvQueues()) {
      if (s.rotation(q.id()) != null || q.e2ePeerKey() == null) {
        continue;
      }
      if (first == null) {
        first = q;
      }
    }
    return first;
  }

  /** A relay none of the connection's other queues is on, up ones first; else the same. */
  private RelayAddress chooseRelay(ConnectionState s, RcvQueueRow old) {
    Set<String> used = new HashSet<>();
    for (RcvQueueRow q : s.rcvQueues()) {
      if (old == null || q.id() != old.id()) {
        used.add(q.relay());
      }
    }
    List<RelayAddress> candidates = ctx.relays().next(ctx.relays().relays().size());
    for (RelayAddress r : candidates) {
      if (!used.contains(r.toString()) && (old == null || !r.toString().equals(old.relay()))) {
        return r;
      }
    }
    for (RelayAddress r : candidates) {
      if (!used.contains(r.toString())) {
        return r;
      }
    }
    return candidates.get(0);
  }

  /** Stores the new queue with its rotation row and seals QADD, in one unit. */
  private CompletableFuture<Void> offer(ConnectionState s, NewQueue nq, RcvQueueRow old) {
    String id = s.id();
    synchronized (s) {
      if (s.gone()) {
        return failed(AgentException.Reason.UNKNOWN_CONNECTION, "no such connection");
      }
      if (s.fence().broken()) {
        return failed(AgentException.Reason.STORE_UNAVAILABLE,
            "the store failed a write of this connection; try again shortly");
      }
      RcvQueueRow row = nq.row(id, RcvQueueStatus.NEW, ctx.now());
      OutMessageRow msg;
      try {
        msg = ctx.outbox().controlRowLocked(s, new AgentMessage.QueueAdd(nq.uri().encode(),
            old == null ? NONE : old.senderId()));
      } catch (AgentException e) {
        return CompletableFuture.failedFuture(e);
      }
      OutItem item = OutItem.of(msg);
      byte[] ratchet = s.ratchet().serialize();
      Long replaces = old == null ? null : old.id();
      AtomicLong queueId = new AtomicLong();
      CompletableFuture<Void> unit = ctx.store().write(s.fence(), tx -> {
        long q = tx.queues().insertRcv(row);
        queueId.set(q);
        tx.queues().putRcvRotation(new RcvRotation(q, id, RcvRotation.State.NEW, replaces));
        Outbox.insertControl(tx, msg, ratchet);
        return null;
      });
      return unit.whenComplete((v, e) -> {
        if (e != null) {
          ctx.deliveries().abandon(id, item);
          Connections.resync(ctx.store(), s);
          return;
        }
        RcvQueueRow stored = withId(row, queueId.get());
        synchronized (s) {
          try {
            s.putRcv(stored);
          } catch (io.parley.protocol.crypto.CryptoException unreachable) {
            // No peer key yet: nothing is derived.
          }
          s.setRotation(stored.id(),
              new RcvRotation(stored.id(), id, RcvRotation.State.NEW, replaces));
          ctx.connections().indexQueue(stored, new Connections.ConnectionQueue(id));
        }
        ctx.deliveries().committed(id, item);
      });
    }
  }

  /** What handling a rotation message adds to its receive unit, and what follows the commit. */
  public record Step(StoreTransaction<Void> unit, Runnable afterCommit) {}

  private static final Step NOTHING = new Step(tx -> null, null);

  /**
   * Sender side: the peer offers a new queue. Adds it as a send queue (not yet used: in memory
   * once the unit committed), marked so that its QUSE is sealed after the commit, or after a
   * restart if the agent stops in between. Caller holds the monitor.
   */
  public Step onQueueAddLocked(ConnectionState s, AgentMessage.QueueAdd add) {
    QueueUri uri;
    try {
      uri = QueueUri.parse(add.queueUri());
    } catch (AgentFormatException e) {
      return NOTHING;
    }
    for (SndQueueRow q : s.sndQueues()) {
      if (q.relay().equals(uri.relay()) && Arrays.equals(q.senderId(), uri.senderId())) {
        return NOTHING;
      }
    }
    String id = s.id();
    long now = ctx.now();
    X25519.KeyPair auth = X25519.generate();
    X25519.KeyPair e2e = X25519.generate();
    SndQueueRow row = new SndQueueRow(0, id, uri.relay(), uri.senderId(), auth.privateKey(),
        e2e.privateKey(), uri.e2eDhKey(), SndQueueStatus.NEW, now, now);
    AtomicLong queueId = new AtomicLong();
    return new Step(tx -> {
      long q = tx.queues().insertSnd(row);
      queueId.set(q);
      tx.queues().putSndRotation(q, id);
      return null;
    }, () -> {
      RotationHolds.reach(RotationHolds.Step.BEFORE_QUEUE_USE);
      useQueue(s, withId(row, queueId.get()));
    });
  }

  /**
   * Adds the send queue to the connection's fan-out and seals QUSE as the first message on it
   * (and on the others), in one unit with the end of its mark.
   */
  public void useQueue(ConnectionState s, SndQueueRow q) {
    String id = s.id();
    synchronized (s) {
      if (s.gone()) {
        return;
      }
      if (s.fence().broken()) {
        // Reloaded from the store shortly; the mark is still there for the next start.
        ctx.executor().execute(() -> Connections.resync(ctx.store(), s)
            .thenRun(() -> useQueue(s, s.sndQueue(q.id()) != null ? s.sndQueue(q.id()) : q)));
        return;
      }
      if (s.sndQueue(q.id()) == null) {
        s.putSnd(q);
      }
      OutMessageRow msg;
      try {
        msg = ctx.outbox().controlRowLocked(s,
            new AgentMessage.QueueUse(q.senderId(), X25519.publicKeyOf(q.e2eKey())));
      } catch (AgentException e) {
        LOG.log(Level.WARNING, "cannot seal a queue switch: " + e.getMessage());
        return;
      }
      OutItem item = OutItem.of(msg);
      byte[] ratchet = s.ratchet().serialize();
      ctx.deliveries().afterCommit(id, item, ctx.store().write(s.fence(), tx -> {
        Outbox.insertControl(tx, msg, ratchet);
        tx.queues().deleteSndRotation(q.id());
        return null;
      })).whenComplete((v, e) -> {
        if (e != null) {
          Connections.resync(ctx.store(), s);
        }
      });
    }
  }

  /**
   * Receiver side: the peer switched to one of the queues this side offered. Every message up to
   * this one is held, so the queue it replaces may go. Caller holds the monitor.
   */
  public Step onQueueUseLocked(ConnectionState s, AgentMessage.QueueUse use) {
    RcvQueueRow q = null;
    for (RcvQueueRow r : s.rcvQueues()) {
      RcvRotation rot = s.rotation(r.id());
      if (rot != null && rot.state() == RcvRotation.State.NEW
          && Arrays.equals(r.senderId(), use.senderId())) {
        q = r;
      }
    }
    if (q == null) {
      return NOTHING;
    }
    String id = s.id();
    RcvRotation rot = s.rotation(q.id());
    RcvQueueRow active = new RcvQueueRow(q.id(), q.connectionId(), q.relay(), q.recipientId(),
        q.senderId(), q.rcvAuthKey(), q.rcvDhKey(), q.deliveryKey(), q.e2eKey(),
        use.senderE2eKey(), q.mode(), RcvQueueStatus.ACTIVE, q.lastRelayMsgId(), q.createdAt(),
        ctx.now());
    try {
      s.putRcv(active);
    } catch (io.parley.protocol.crypto.CryptoException e) {
      // A low-order key: the queue stays offered and unused; the old one keeps working.
      return NOTHING;
    }
    s.setRotation(q.id(), null);
    RcvQueueRow old = rot.replaces() == null ? null : s.rcvQueue(rot.replaces());
    RcvRotation drain = old == null ? null
        : new RcvRotation(old.id(), id, RcvRotation.State.DRAINING, null);
    if (drain != null) {
      s.setRotation(old.id(), drain);
    }
    long qid = q.id();
    return new Step(tx -> {
      tx.queues().confirmRcv(qid, use.senderE2eKey());
      tx.queues().setRcvStatus(qid, RcvQueueStatus.ACTIVE);
      tx.queues().deleteRcvRotation(qid);
      if (drain != null) {
        tx.queues().putRcvRotation(drain);
      } else {
        EventLog.append(tx, AgentEvent.CONNECTION_ROTATED, id, Map.of());
      }
      return null;
    }, () -> {
      subscribe(active);
      if (old != null) {
        draining.put(old.id(), old);
        deleteOnRelay(s, old);
      }
    });
  }

  /**
   * After a start: replaced queues whose DEL had not succeeded are deleted, and send queues whose
   * QUSE was not sealed get it now. Returns the ids of receive queues offered and not yet used,
   * which must not be subscribed.
   */
  public Set<Long> resume() {
    Set<Long> offered = new HashSet<>();
    List<Long> marks;
    try {
      marks = ctx.store().read(tx -> tx.queues().sndRotations());
    } catch (Exception e) {
      marks = List.of();
    }
    Set<Long> toUse = new HashSet<>(marks);
    for (ConnectionState s : ctx.connections().all()) {
      List<RcvQueueRow> drain = new ArrayList<>();
      List<SndQueueRow> use = new ArrayList<>();
      synchronized (s) {
        for (RcvRotation r : s.rotations()) {
          RcvQueueRow q = s.rcvQueue(r.queueId());
          if (q == null) {
            continue;
          }
          if (r.state() == RcvRotation.State.NEW) {
            offered.add(q.id());
          } else {
            drain.add(q);
          }
        }
        for (SndQueueRow q : s.sndQueues()) {
          if (toUse.contains(q.id())) {
            use.add(q);
          }
        }
      }
      for (RcvQueueRow q : drain) {
        draining.put(q.id(), q);
        deleteOnRelay(s, q);
      }
      for (SndQueueRow q : use) {
        useQueue(s, q);
      }
    }
    return offered;
  }

  /** Tries every pending DEL of a replaced queue again (the sweep). */
  public void retryAll() {
    for (RcvQueueRow q : draining.values()) {
      ctx.connections().get(q.connectionId()).ifPresent(s -> deleteOnRelay(s, q));
    }
  }

  private void subscribe(RcvQueueRow q) {
    client(q).ifPresent(c -> c.subscribe(q.recipientId(), q.rcvAuthKey())
        .exceptionally(e -> null));
  }

  /** One DEL attempt of a replaced queue; once it is gone, the rotation is over. */
  private void deleteOnRelay(ConnectionState s, RcvQueueRow q) {
    var c = client(q);
    if (c.isEmpty()) {
      return;
    }
    c.get().delete(q.recipientId(), q.rcvAuthKey()).handleAsync((v, e) -> {
      Throwable cause = e == null ? null : SendFailure.unwrap(e);
      boolean gone = cause == null
          || cause instanceof RelayErrorException r && r.code() == ErrorCode.AUTH;
      if (!gone) {
        LOG.log(Level.DEBUG, "DEL of a replaced queue failed, will retry: " + cause.getMessage());
        return null;
      }
      if (draining.remove(q.id()) == null) {
        return null;
      }
      RotationHolds.reach(RotationHolds.Step.AFTER_REPLACED_QUEUE_DELETED);
      c.get().unsubscribeLocal(q.recipientId());
      String id = s.id();
      synchronized (s) {
        if (s.gone() || s.rcvQueue(q.id()) == null) {
          return null;
        }
        s.removeRcv(q.id());
        ctx.connections().unindexQueue(q.relay(), q.recipientId());
        ctx.store().write(tx -> {
          tx.queues().deleteRcv(q.id());
          EventLog.append(tx, AgentEvent.CONNECTION_ROTATED, id, Map.of());
          return null;
        }).exceptionally(err -> {
          LOG.log(Level.WARNING, "cannot remove a replaced queue's row: " + err.getMessage());
          return null;
        });
      }
      return null;
    }, ctx.executor());
  }

  private java.util.Optional<RelayClient> client(RcvQueueRow q) {
    try {
      return java.util.Optional.of(ctx.pool().client(RelayAddress.parse(q.relay())));
    } catch (InvalidRelayAddressException | RuntimeException e) {
      return java.util.Optional.empty();
    }
  }

  private static RcvQueueRow withId(RcvQueueRow r, long id) {
    return new RcvQueueRow(id, r.connectionId(), r.relay(), r.recipientId(), r.senderId(),
        r.rcvAuthKey(), r.rcvDhKey(), r.deliveryKey(), r.e2eKey(), r.e2ePeerKey(), r.mode(),
        r.status(), r.lastRelayMsgId(), r.createdAt(), r.updatedAt());
  }

  private static SndQueueRow withId(SndQueueRow r, long id) {
    return new SndQueueRow(id, r.connectionId(), r.relay(), r.senderId(), r.sndAuthKey(),
        r.e2eKey(), r.e2ePeerKey(), r.status(), r.createdAt(), r.updatedAt());
  }

  private static <T> CompletableFuture<T> failed(AgentException.Reason reason, String message) {
    return CompletableFuture.failedFuture(new AgentException(reason, message));
  }
}

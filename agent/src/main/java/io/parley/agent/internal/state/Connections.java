package io.parley.agent.internal.state;

import io.parley.agent.internal.store.ConnectionRow;
import io.parley.agent.internal.store.Database;
import io.parley.agent.internal.store.RatchetChangeRow;
import io.parley.agent.internal.store.RcvQueueRow;
import io.parley.agent.internal.store.RcvRotation;
import io.parley.agent.internal.store.SndQueueRow;
import io.parley.agent.internal.store.StoreException;
import io.parley.agent.internal.store.StoreTx;
import io.parley.protocol.codec.ByteKey;
import io.parley.protocol.crypto.CryptoException;
import io.parley.protocol.ratchet.RatchetException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every live connection's {@link ConnectionState}, and the index from a relay's queue to what
 * it belongs to (a connection, or the contact address). Loaded whole at start: the agent keeps
 * every connection's ratchet in memory. Thread-safe (concurrent maps; each state has its own
 * monitor).
 */
public final class Connections {
  /** What a receive queue belongs to. */
  public sealed interface Owner {}

  /** A connection's receive queue. */
  public record ConnectionQueue(String connectionId) implements Owner {}

  /** The contact address queue. */
  public record AddressQueue(RcvQueueRow queue) implements Owner {}

  /** A receive queue's identity: its relay and recipient id. */
  private record QueueKey(String relay, ByteKey recipientId) {}

  private final Map<String, ConnectionState> states = new ConcurrentHashMap<>();
  private final Map<QueueKey, Owner> queues = new ConcurrentHashMap<>();

  /** Builds the state of one stored connection with all its queues. */
  public static ConnectionState load(StoreTx tx, ConnectionRow row)
      throws StoreException, RatchetException, CryptoException {
    return build(row, tx.queues().rcvQueuesOf(row.id()), tx.queues().sndQueuesOf(row.id()),
        tx.queues().rcvRotationsOf(row.id()), tx.ratchetChanges().find(row.id()).orElse(null));
  }

  private static ConnectionState build(ConnectionRow row, List<RcvQueueRow> rcv,
      List<SndQueueRow> snd, List<RcvRotation> rotations, RatchetChangeRow change)
      throws RatchetException, CryptoException {
    ConnectionState s = new ConnectionState(row);
    for (RcvQueueRow q : rcv) {
      s.putRcv(q);
    }
    s.setSndQueues(snd);
    for (RcvRotation r : rotations) {
      if (s.rcvQueue(r.queueId()) != null) {
        s.setRotation(r.queueId(), r);
      }
    }
    s.setChange(change);
    return s;
  }

  /**
   * Every connection's queues, rotations and ratchet change, each table read with one query,
   * so that start loads 100,000 connections with a handful of queries instead of four per
   * connection (each a statement round trip into SQLite). Not thread-safe; used once.
   */
  public static final class Stored {
    private final Map<String, List<RcvQueueRow>> rcv = new HashMap<>();
    private final Map<String, List<SndQueueRow>> snd = new HashMap<>();
    private final Map<String, List<RcvRotation>> rotations = new HashMap<>();
    private final Map<String, RatchetChangeRow> changes = new HashMap<>();

    private Stored() {}

    /** Reads the four tables in {@code tx}, which should also list the connections. */
    public static Stored read(StoreTx tx) throws StoreException {
      Stored s = new Stored();
      for (RcvQueueRow q : tx.queues().allRcvQueues()) {
        s.rcv.computeIfAbsent(q.connectionId(), k -> new ArrayList<>()).add(q);
      }
      for (SndQueueRow q : tx.queues().allSndQueues()) {
        s.snd.computeIfAbsent(q.connectionId(), k -> new ArrayList<>()).add(q);
      }
      for (RcvRotation r : tx.queues().rcvRotations()) {
        s.rotations.computeIfAbsent(r.connectionId(), k -> new ArrayList<>()).add(r);
      }
      for (RatchetChangeRow c : tx.ratchetChanges().all()) {
        s.changes.put(c.connectionId(), c);
      }
      return s;
    }

    /** The connection's state, as {@link Connections#load} reads it one query at a time. */
    public ConnectionState load(ConnectionRow row) throws RatchetException, CryptoException {
      return build(row, rcv.getOrDefault(row.id(), List.of()),
          snd.getOrDefault(row.id(), List.of()), rotations.getOrDefault(row.id(), List.of()),
          changes.get(row.id()));
    }
  }

  /**
   * After a unit of {@code s} failed, memory is ahead of the database: once every unit queued
   * so far has finished, reset {@code s} to what is stored and reopen its
   * {@linkplain ConnectionState#fence fence}. Does nothing if the fence is not broken (another
   * reload handled the failure already). Completes when done; never fails, and while the store
   * cannot be read it keeps trying (see {@link StateReload}).
   */
  public static CompletableFuture<Void> resync(Database store, ConnectionState s) {
    return StateReload.ifBroken(store, s);
  }

  /**
   * Like {@link #resync}, for a failed unit that was not fenced (a handshake unit): closes the
   * fence first, so that nothing built from the copy commits before it is reloaded.
   */
  public static CompletableFuture<Void> reload(Database store, ConnectionState s) {
    synchronized (s) {
      s.fence().close();
    }
    return StateReload.ifBroken(store, s);
  }

  /** Adds (or replaces) a connection and indexes its receive queues. */
  public void put(ConnectionState s) {
    states.put(s.id(), s);
    for (RcvQueueRow q : s.rcvQueues()) {
      queues.put(key(q.relay(), q.recipientId()), new ConnectionQueue(s.id()));
    }
  }

  /** Indexes a receive queue created for an existing connection. */
  public void indexQueue(RcvQueueRow q, Owner owner) {
    queues.put(key(q.relay(), q.recipientId()), owner);
  }

  public void unindexQueue(String relay, byte[] recipientId) {
    queues.remove(key(relay, recipientId));
  }

  public Optional<ConnectionState> get(String id) {
    return Optional.ofNullable(id == null ? null : states.get(id));
  }

  public void remove(String id) {
    ConnectionState s = states.remove(id);
    if (s != null) {
      for (RcvQueueRow q : s.rcvQueues()) {
        unindexQueue(q.relay(), q.recipientId());
      }
    }
  }

  public Collection<ConnectionState> all() {
    return states.values();
  }

  /** Who owns the queue a relay message arrived on, if anyone. */
  public Optional<Owner> owner(String relay, byte[] recipientId) {
    return Optional.ofNullable(queues.get(key(relay, recipientId)));
  }

  private static QueueKey key(String relay, byte[] recipientId) {
    // A record of the two, not a string built from them: this runs per received message, and
    // a daemon with 100,000 connections made 200,000 such strings at every start.
    return new QueueKey(relay, ByteKey.copyOf(recipientId));
  }
}

package io.parley.agent.internal.state;

import io.parley.agent.internal.store.ConnectionRow;
import io.parley.agent.internal.store.ConnectionStatus;
import io.parley.agent.internal.store.RatchetChangeRow;
import io.parley.agent.internal.store.RcvQueueRow;
import io.parley.agent.internal.store.RcvRotation;
import io.parley.agent.internal.store.SndQueueRow;
import io.parley.agent.internal.store.SndQueueStatus;
import io.parley.agent.internal.store.WriteFence;
import io.parley.protocol.agent.E2eEnvelope;
import io.parley.protocol.crypto.CryptoException;
import io.parley.protocol.ratchet.Ratchet;
import io.parley.protocol.ratchet.RatchetException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The live state of one connection: its row, its deserialized ratchet, its queues and the ends
 * of both integrity chains. The in-memory copy runs ahead of the database: a change is applied
 * here and its write unit queued in the same critical section, so the store (whose writer commits
 * units in order) always receives a connection's changes in the order they were made.
 *
 * <p>Thread-safety: every change, and every read that must be consistent with other fields,
 * happens while holding this object's monitor ({@code synchronized (state)}); the methods
 * themselves do not lock. {@link #sndQueues()} alone may be read without it.
 */
public final class ConnectionState {
  private static final byte[] NO_HASH = new byte[0];

  private final String id;
  private ConnectionRow row;
  private Ratchet ratchet;
  /** This side's receive queues, in creation order (one per relay chosen for redundancy). */
  private List<RcvQueueRow> rcv = List.of();
  /**
   * Per receive queue id: the e2e key agreed with its sender, once its confirmation came,
   * computed at first use: it is an X25519 agreement, and a start that loads 100,000
   * connections would otherwise spend tens of seconds on keys most of them do not need yet.
   */
  private Map<Long, byte[]> rcvSharedKeys = new HashMap<>();
  /** Per receive queue id: relay id of the last message stored from it. */
  private final Map<Long, byte[]> lastRelayMsgIds = new HashMap<>();
  /**
   * The peer's queues this side sends to, in the peer's order. Volatile and replaced whole:
   * delivery workers read their target queue without taking the monitor.
   */
  private volatile List<SndQueueRow> snd = List.of();
  /** Receive queues taking part in a rotation, by queue row id (docs/agent.md 2.2). */
  private Map<Long, RcvRotation> rotations = Map.of();
  /** Envelopes recently opened, to drop the copies redundant queues bring (see RecentCopies). */
  private RecentCopies recentCopies;
  private long sndLastId;
  private byte[] sndLastHash;
  private long rcvLastId;
  private byte[] rcvLastHash;
  private boolean receiptPending;
  private boolean receiptWanted;
  /** When the last receipt was queued (epoch ms), and whether a deferred one is scheduled. */
  private long lastReceiptAt;
  private boolean receiptDeferred;
  private long deliveredUpTo;
  private boolean gone;
  /** A re-key or resync under way, or a second ratchet (V0007); null when there is none. */
  private RatchetChangeRow change;
  /** {@code change}'s second ratchet, deserialized, or null. */
  private Ratchet otherRatchet;
  /** Messages in a row that did not decrypt; memory only (see RatchetSyncs). */
  private int failedInARow;
  /** Keeps units built from this copy from committing after one of them failed. */
  private final WriteFence fence = new WriteFence();

  /** A state for a stored (or about to be stored) row; deserializes its ratchet. */
  public ConnectionState(ConnectionRow row) throws RatchetException {
    this.id = row.id();
    this.ratchet = row.ratchet() == null ? null : Ratchet.deserialize(row.ratchet());
    // The ratchet object is the state from here on (RowEdit serializes it back).
    this.row = ratchet == null ? row : row.forMemory();
    this.sndLastId = row.sndLastMsgId();
    this.sndLastHash = row.sndLastHash() == null ? NO_HASH : row.sndLastHash();
    this.rcvLastId = row.rcvLastMsgId();
    this.rcvLastHash = row.rcvLastHash() == null ? NO_HASH : row.rcvLastHash();
  }

  public String id() {
    return id;
  }

  /** The row as last changed here (possibly not yet committed). */
  public ConnectionRow row() {
    return row;
  }

  public void setRow(ConnectionRow r) {
    row = r;
  }

  public ConnectionStatus status() {
    return row.status();
  }

  public boolean established() {
    return row.status() == ConnectionStatus.ESTABLISHED;
  }

  /** The ratchet, or null before the handshake fixed it. */
  public Ratchet ratchet() {
    return ratchet;
  }

  public void setRatchet(Ratchet r) {
    ratchet = r;
  }

  /** The re-key or resync under way (or a kept second ratchet), or null. */
  public RatchetChangeRow change() {
    return change;
  }

  /** Replaces the change row and deserializes its second ratchet. */
  public void setChange(RatchetChangeRow c) throws RatchetException {
    otherRatchet = c == null || c.otherRatchet() == null
        ? null : Ratchet.deserialize(c.otherRatchet());
    change = c;
  }

  /** The receive-only second ratchet of {@link #change()}, or null. */
  public Ratchet otherRatchet() {
    return otherRatchet;
  }

  /** Sets the second ratchet in memory; the caller stores it with the change row. */
  public void setOtherRatchet(Ratchet r) {
    otherRatchet = r;
  }

  public int failedInARow() {
    return failedInARow;
  }

  public void setFailedInARow(int n) {
    failedInARow = n;
  }

  /** The receive queues, oldest first; empty before this side created its own. */
  public List<RcvQueueRow> rcvQueues() {
    return rcv;
  }

  /** The receive queue with this row id, or null. */
  public RcvQueueRow rcvQueue(long queueId) {
    for (RcvQueueRow q : rcv) {
      if (q.id() == queueId) {
        return q;
      }
    }
    return null;
  }

  /** The receive queue a relay message arrived on, or null. */
  public RcvQueueRow rcvQueue(String relay, byte[] recipientId) {
    for (RcvQueueRow q : rcv) {
      if (q.relay().equals(relay) && Arrays.equals(q.recipientId(), recipientId)) {
        return q;
      }
    }
    return null;
  }

  /**
   * Adds a receive queue or replaces the one with the same row id, and derives its e2e key
   * once its sender's key is known.
   */
  public void putRcv(RcvQueueRow q) throws CryptoException {
    List<RcvQueueRow> next = new ArrayList<>(rcv);
    next.removeIf(r -> r.id() == q.id());
    next.add(q);
    next.sort(Comparator.comparingLong(RcvQueueRow::id));
    rcvSharedKeys.remove(q.id());
    rcv = List.copyOf(next);
    if (q.lastRelayMsgId() != null && !lastRelayMsgIds.containsKey(q.id())) {
      lastRelayMsgIds.put(q.id(), q.lastRelayMsgId());
    }
    if (rcv.size() > 1 && recentCopies == null) {
      recentCopies = new RecentCopies();
    }
  }

  /** Drops a receive queue (deleted on its relay after a rotation). */
  public void removeRcv(long queueId) {
    List<RcvQueueRow> next = new ArrayList<>(rcv);
    next.removeIf(r -> r.id() == queueId);
    rcv = List.copyOf(next);
    // Mutable: the e2e keys of the other queues are derived and added lazily (rcvSharedKey).
    Map<Long, byte[]> keys = new HashMap<>(rcvSharedKeys);
    keys.remove(queueId);
    rcvSharedKeys = keys;
    lastRelayMsgIds.remove(queueId);
    setRotation(queueId, null);
  }

  /** The rotation step of a receive queue, or null when it takes part in none. */
  public RcvRotation rotation(long queueId) {
    return rotations.get(queueId);
  }

  /** Every receive queue rotation of this connection in progress. */
  public Collection<RcvRotation> rotations() {
    return rotations.values();
  }

  /** Sets (or with null clears) a receive queue's rotation step. */
  public void setRotation(long queueId, RcvRotation r) {
    Map<Long, RcvRotation> next = new HashMap<>(rotations);
    if (r == null) {
      next.remove(queueId);
    } else {
      next.put(queueId, r);
    }
    rotations = Map.copyOf(next);
  }

  /** Whether a queue this side made is offered to the peer and not yet used by it. */
  public boolean rotating() {
    return rotations.values().stream().anyMatch(r -> r.state() == RcvRotation.State.NEW);
  }

  /** Drops a send queue (the peer deleted it after moving this side to its replacement). */
  public void removeSnd(long queueId) {
    List<SndQueueRow> next = new ArrayList<>(snd);
    next.removeIf(q -> q.id() == queueId);
    snd = List.copyOf(next);
  }

  /** The e2e key of a receive queue, or null before its confirmation. */
  public byte[] rcvSharedKey(long queueId) {
    byte[] key = rcvSharedKeys.get(queueId);
    if (key != null) {
      return key;
    }
    for (RcvQueueRow q : rcv) {
      if (q.id() == queueId && q.e2ePeerKey() != null) {
        try {
          key = E2eEnvelope.sharedKey(q.e2eKey(), q.e2ePeerKey());
        } catch (CryptoException e) {
          // A peer key that gives no secret: as good as none, so its messages stay unopened.
          return null;
        }
        rcvSharedKeys.put(queueId, key);
        return key;
      }
    }
    return null;
  }

  /** The send queues, in the peer's order; empty before the handshake named them. */
  public List<SndQueueRow> sndQueues() {
    return snd;
  }

  /** The send queue with this row id, or null. */
  public SndQueueRow sndQueue(long queueId) {
    for (SndQueueRow q : snd) {
      if (q.id() == queueId) {
        return q;
      }
    }
    return null;
  }

  /** Adds a send queue or replaces the one with the same row id. */
  public void putSnd(SndQueueRow q) {
    List<SndQueueRow> next = new ArrayList<>(snd);
    int at = -1;
    for (int i = 0; i < next.size(); i++) {
      if (next.get(i).id() == q.id()) {
        at = i;
      }
    }
    if (at >= 0) {
      next.set(at, q);
    } else {
      next.add(q);
    }
    snd = List.copyOf(next);
  }

  /** Replaces every send queue (the handshake named the peer's queues). */
  public void setSndQueues(List<SndQueueRow> queues) {
    snd = List.copyOf(queues);
  }

  /** Whether any send queue can still carry messages (none failed for good). */
  public boolean canSend() {
    for (SndQueueRow q : snd) {
      if (q.status() != SndQueueStatus.FAILED) {
        return true;
      }
    }
    return false;
  }

  /**
   * The window of envelopes recently opened on this connection, or null while it has a single
   * receive queue (no copies to recognise).
   */
  public RecentCopies recentCopies() {
    return recentCopies;
  }

  public long sndLastId() {
    return sndLastId;
  }

  /** Hash of the last message encrypted for sending; empty before the first. */
  public byte[] sndLastHash() {
    return sndLastHash;
  }

  public void advanceSending(long msgId, byte[] hash) {
    sndLastId = msgId;
    sndLastHash = hash;
  }

  public long rcvLastId() {
    return rcvLastId;
  }

  /** Hash of the last message received in sequence; empty before the first. */
  public byte[] rcvLastHash() {
    return rcvLastHash;
  }

  public void advanceReceiving(long msgId, byte[] hash) {
    rcvLastId = msgId;
    rcvLastHash = hash;
  }

  /** Whether a receipt is queued and not yet accepted by the relay (at most one is). */
  public long lastReceiptAt() {
    return lastReceiptAt;
  }

  public void setLastReceiptAt(long epochMillis) {
    lastReceiptAt = epochMillis;
  }

  public boolean receiptDeferred() {
    return receiptDeferred;
  }

  public void setReceiptDeferred(boolean v) {
    receiptDeferred = v;
  }

  public boolean receiptPending() {
    return receiptPending;
  }

  public void setReceiptPending(boolean pending) {
    receiptPending = pending;
  }

  /**
   * Whether a receipt should go out: a text was stored since the last one was queued, or the
   * queue's quota marker was drained (the sender is waiting to be told it may send again).
   */
  public boolean receiptWanted() {
    return receiptWanted;
  }

  public void setReceiptWanted(boolean v) {
    receiptWanted = v;
  }

  /** Every text message up to this sequence number is delivered or failed. */
  public long deliveredUpTo() {
    return deliveredUpTo;
  }

  public void setDeliveredUpTo(long msgId) {
    deliveredUpTo = msgId;
  }

  /** Relay id of the last message stored from this receive queue, or null. */
  public byte[] lastRelayMsgId(long queueId) {
    return lastRelayMsgIds.get(queueId);
  }

  public void setLastRelayMsgId(long queueId, byte[] relayMsgId) {
    lastRelayMsgIds.put(queueId, relayMsgId);
  }

  /**
   * Takes every stored field from {@code fresh} (loaded from the database), dropping changes
   * whose units failed. Memory-only bookkeeping (receipts, delivered mark) is kept.
   */
  public void resetTo(ConnectionState fresh) {
    row = fresh.row;
    ratchet = fresh.ratchet;
    change = fresh.change;
    otherRatchet = fresh.otherRatchet;
    rcv = fresh.rcv;
    rcvSharedKeys = fresh.rcvSharedKeys;
    rotations = fresh.rotations;
    snd = fresh.snd;
    sndLastId = fresh.sndLastId;
    sndLastHash = fresh.sndLastHash;
    rcvLastId = fresh.rcvLastId;
    rcvLastHash = fresh.rcvLastHash;
    lastRelayMsgIds.clear();
    lastRelayMsgIds.putAll(fresh.lastRelayMsgIds);
    if (rcv.size() > 1 && recentCopies == null) {
      recentCopies = new RecentCopies();
    }
  }

  /**
   * The fence of every write unit that stores this copy's ratchet or chains: pass it to
   * {@code Database.write(fence, unit)} while holding this monitor. When it is
   * {@linkplain WriteFence#broken broken} memory holds changes the store lost; nothing may be
   * sent, acknowledged or stored from it until {@link Connections#resync} reloaded it.
   */
  public WriteFence fence() {
    return fence;
  }

  /** True once the connection was deleted; nothing may change it any more. */
  public boolean gone() {
    return gone;
  }

  public void markGone() {
    gone = true;
  }

  @Override
  public String toString() {
    return "ConnectionState[id=" + id + ", status=" + row.status() + "]";
  }
}

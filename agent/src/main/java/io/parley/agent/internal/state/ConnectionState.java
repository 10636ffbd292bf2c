package io.parley.agent.internal.state;

import io.parley.agent.internal.store.ConnectionRow;
import io.parley.agent.internal.store.ConnectionStatus;
import io.parley.agent.internal.store.RcvQueueRow;
import io.parley.agent.internal.store.SndQueueRow;
import io.parley.agent.internal.store.WriteFence;
import io.parley.protocol.agent.E2eEnvelope;
import io.parley.protocol.crypto.CryptoException;
import io.parley.protocol.ratchet.Ratchet;
import io.parley.protocol.ratchet.RatchetException;

/**
 * The live state of one connection: its row, its deserialized ratchet, its queues and the ends
 * of both integrity chains. The in-memory copy runs ahead of the database: a change is applied
 * here and its write unit queued in the same critical section, so the store (whose writer commits
 * units in order) always receives a connection's changes in the order they were made.
 *
 * <p>Thread-safety: every change, and every read that must be consistent with other fields,
 * happens while holding this object's monitor ({@code synchronized (state)}); the methods
 * themselves do not lock. {@link #snd()} alone may be read without it.
 */
public final class ConnectionState {
  private static final byte[] NO_HASH = new byte[0];

  private final String id;
  private ConnectionRow row;
  private Ratchet ratchet;
  private RcvQueueRow rcv;
  private byte[] rcvSharedKey;
  /** Volatile: delivery workers read the target queue without taking the monitor. */
  private volatile SndQueueRow snd;
  private byte[] sndSharedKey;
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
  private byte[] lastRelayMsgId;
  /** Keeps units built from this copy from committing after one of them failed. */
  private final WriteFence fence = new WriteFence();

  /** A state for a stored (or about to be stored) row; deserializes its ratchet. */
  public ConnectionState(ConnectionRow row) throws RatchetException {
    this.id = row.id();
    this.row = row;
    this.ratchet = row.ratchet() == null ? null : Ratchet.deserialize(row.ratchet());
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

  public RcvQueueRow rcv() {
    return rcv;
  }

  /** The receive queue and, once its sender's key is known, the e2e key agreed with it. */
  public void setRcv(RcvQueueRow q) throws CryptoException {
    rcv = q;
    rcvSharedKey = q == null || q.e2ePeerKey() == null
        ? null : E2eEnvelope.sharedKey(q.e2eKey(), q.e2ePeerKey());
  }

  /** The e2e key of the receive queue, or null before its confirmation. */
  public byte[] rcvSharedKey() {
    return rcvSharedKey;
  }

  public SndQueueRow snd() {
    return snd;
  }

  public void setSnd(SndQueueRow q) throws CryptoException {
    snd = q;
    sndSharedKey = q == null ? null : E2eEnvelope.sharedKey(q.e2eKey(), q.e2ePeerKey());
  }

  public byte[] sndSharedKey() {
    return sndSharedKey;
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

  /** Relay id of the last message stored from the receive queue, or null. */
  public byte[] lastRelayMsgId() {
    return lastRelayMsgId;
  }

  public void setLastRelayMsgId(byte[] relayMsgId) {
    lastRelayMsgId = relayMsgId;
  }

  /**
   * Takes every stored field from {@code fresh} (loaded from the database), dropping changes
   * whose units failed. Memory-only bookkeeping (receipts, delivered mark) is kept.
   */
  public void resetTo(ConnectionState fresh) {
    row = fresh.row;
    ratchet = fresh.ratchet;
    rcv = fresh.rcv;
    rcvSharedKey = fresh.rcvSharedKey;
    snd = fresh.snd;
    sndSharedKey = fresh.sndSharedKey;
    sndLastId = fresh.sndLastId;
    sndLastHash = fresh.sndLastHash;
    rcvLastId = fresh.rcvLastId;
    rcvLastHash = fresh.rcvLastHash;
    lastRelayMsgId = fresh.lastRelayMsgId;
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

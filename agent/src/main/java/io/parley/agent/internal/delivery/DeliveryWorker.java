package io.parley.agent.internal.delivery;

import io.parley.agent.internal.store.OutMessageKind;
import io.parley.protocol.agent.E2eEnvelope;
import io.parley.protocol.crypto.CryptoException;

import io.parley.agent.internal.client.RelayClient;
import io.parley.agent.internal.store.SndQueueRow;
import io.parley.agent.internal.store.SndQueueStatus;
import io.parley.protocol.crypto.X25519;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Sends one connection's outbox, in order, to one of its peer's queues (a connection with
 * several send queues has a worker for each, and each sends every message; see
 * {@link Copies}): {@code SKEY} first while the
 * queue is not secured, then up to {@code maxInFlight} pipelined {@code SEND}s. Pipelining keeps
 * the order because the relay handles one session's commands in order and every SEND in flight
 * is pinned to the same session: one sent for a session that has ended fails instead of going
 * to the next. When a SEND fails in a way a retry can fix, the worker stops sending, waits for
 * the SENDs in flight, then backs off and resends from the first message not accepted; a
 * permanent failure fails every queued message. A full peer queue ({@code ERR QUOTA}) also
 * shrinks the pipeline to one SEND, which grows by one with each accepted SEND up to
 * {@code maxInFlight} (TCP's slow start): a sender far ahead of its peer then probes with a few
 * SENDs per round instead of having a whole pipeline refused each time, which cost the relay
 * and both agents as much as delivering.
 * Thread-safe: its state is guarded by its own monitor, and it never calls into
 * {@link Deliveries} while holding it.
 */
final class DeliveryWorker {
  private final String connectionId;
  /** Row id of the send queue this worker sends to. */
  private final long queueId;
  private final Deliveries owner;
  private final int maxInFlight;
  /** SENDs allowed in flight now: maxInFlight, or less after ERR QUOTA. */
  private int window;
  private final TreeMap<Long, OutItem> waiting = new TreeMap<>();
  private final TreeMap<Long, OutItem> inFlight = new TreeMap<>();
  /** Reserved messages whose unit has not committed yet: sending stops at the first one. */
  private final Set<Long> uncommitted = new HashSet<>();
  private boolean securing;
  private boolean backingOff;
  /** When the current back-off's timer is due (System.nanoTime), or 0 if only a wake ends it. */
  private long backOffDueNanos;
  /** Why this round failed; set by the first retryable failure until the back-off starts. */
  private String roundFailure;
  /** Failed rounds in a row; drives the back-off. */
  private int attempts;
  /** Set once the queue failed for good: everything queued later fails at once. */
  private String permanentFailure;
  private boolean stopped;
  /**
   * The relay session every SEND in flight went to; a new one is taken only once none is in
   * flight. Pipelined SENDs keep their order only within one session: sent unpinned, the first
   * of them could go to a session that was ending and fail while later ones, sent after the
   * client had reconnected, went to the next session and got through, so the retried first
   * messages arrived after them.
   */
  private Object pipelineSession;
  /** Per-queue e2e key of the send queue, derived once (one X25519) and reused per SEND. */
  private byte[] e2eKey;
  private long e2eKeyQueueId = -1;
  /** A pump is queued on the executor and has not started: later commits ride on it. */
  private boolean pumpQueued;

  DeliveryWorker(String connectionId, long queueId, Deliveries owner, int maxInFlight) {
    this.connectionId = connectionId;
    this.queueId = queueId;
    this.owner = owner;
    this.maxInFlight = maxInFlight;
    this.window = maxInFlight;
  }

  /** Adds a committed outbox message and sends it when its turn comes. */
  void add(OutItem item) {
    List<OutItem> failNow = null;
    String reason;
    synchronized (this) {
      reason = permanentFailure;
      if (stopped || inFlight.containsKey(item.agentMsgId())) {
        return;
      }
      if (reason != null) {
        failNow = List.of(item);
      } else {
        waiting.put(item.agentMsgId(), item);
      }
    }
    if (failNow != null) {
      owner.failed(connectionId, queueId, failNow, reason, false);
    } else {
      pump();
    }
  }

  /**
   * Takes a message's place in the sending order before its unit commits (the caller seals
   * messages in order, under the connection's monitor); it is sent only after
   * {@link #committed}, so commit callbacks racing each other cannot reorder messages.
   */
  synchronized void reserve(OutItem item) {
    if (stopped || permanentFailure != null) {
      return;
    }
    waiting.put(item.agentMsgId(), item);
    uncommitted.add(item.agentMsgId());
  }

  /** The reserved message's unit committed: it may be sent. */
  void committed(OutItem item) {
    boolean failNow;
    String reason;
    synchronized (this) {
      uncommitted.remove(item.agentMsgId());
      reason = permanentFailure;
      failNow = reason != null && !waiting.containsKey(item.agentMsgId());
    }
    if (failNow) {
      owner.failed(connectionId, queueId, List.of(item), reason, false);
      return;
    }
    pumpSoon();
  }

  /**
   * Pumps on the executor, once for any number of commits before it runs. A commit is reported
   * on the store's completion thread, which completes the rest of its group (the callers' 202s)
   * only after this returns: sealing each copy there (an X25519 on a queue's first message, a
   * 16 KB seal per copy) made the last send of a burst wait for the sealing of all before it.
   */
  private void pumpSoon() {
    synchronized (this) {
      if (pumpQueued || stopped) {
        return;
      }
      pumpQueued = true;
    }
    try {
      owner.executor().execute(() -> {
        synchronized (this) {
          pumpQueued = false;
        }
        pump();
      });
    } catch (RejectedExecutionException closing) {
      // The agent is closing: what is stored goes out after the next start.
      synchronized (this) {
        pumpQueued = false;
      }
    }
  }

  /** The reserved message's unit failed: it was never stored, so it is never sent. */
  void abandon(OutItem item) {
    synchronized (this) {
      uncommitted.remove(item.agentMsgId());
      waiting.remove(item.agentMsgId());
    }
    pump();
  }

  /** Restores the retry count of messages loaded at start (kept in the outbox). */
  synchronized void restoreAttempts(int n) {
    attempts = n;
  }

  /** Enters back-off now, as a retry scheduled before a restart asked. */
  synchronized void backOffUntilWoken() {
    backingOff = true;
  }

  /** Records when the back-off's timer is due, so that the sweep can stand in for it. */
  synchronized void backOffFor(long delayMillis) {
    if (backingOff) {
      backOffDueNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delayMillis);
    }
  }

  /**
   * The sweep: ends a back-off whose timer is overdue (a timer must never be the only way a
   * retry happens), then sends what is waiting.
   */
  void sweep(long nowNanos) {
    synchronized (this) {
      if (backingOff && backOffDueNanos != 0 && nowNanos - backOffDueNanos >= 0) {
        backingOff = false;
        backOffDueNanos = 0;
      }
    }
    pump();
  }

  /** Ends a back-off (its timer fired, or the relay came back) and sends what is waiting. */
  void wake() {
    synchronized (this) {
      backingOff = false;
      backOffDueNanos = 0;
    }
    pump();
  }

  /** Stops for good (the connection was deleted or the agent closes). */
  synchronized void stop() {
    stopped = true;
    waiting.clear();
  }

  /**
   * Drops the waiting agent messages up to {@code upTo} (positions from 1) that are in
   * {@code accepted}: the peer holds them already, or a relay does. Messages in flight stay;
   * control messages (a queue's confirmation) are never dropped. Returns what was dropped.
   */
  synchronized List<OutItem> dropUpTo(long upTo, Set<Long> accepted) {
    List<OutItem> dropped = new ArrayList<>();
    var head = waiting.subMap(1L, true, upTo, true);
    for (OutItem item : head.values()) {
      if (!uncommitted.contains(item.agentMsgId()) && accepted.contains(item.agentMsgId())) {
        dropped.add(item);
      }
    }
    for (OutItem item : dropped) {
      waiting.remove(item.agentMsgId());
    }
    return dropped;
  }

  long queueId() {
    return queueId;
  }

  /** Whether the worker waits for a timer or a wake-up before sending again. */
  synchronized boolean backingOff() {
    return backingOff;
  }

  synchronized boolean idle() {
    return waiting.isEmpty() && inFlight.isEmpty() && !securing;
  }

  /** The relay of the queue this worker sends to, or null before it is known. */
  String relay() {
    SndQueueRow q = owner.target(connectionId, queueId);
    return q == null ? null : q.relay();
  }

  /**
   * Starts as many commands as the state allows. SENDs are handed to the relay client while
   * holding this worker's monitor, so two threads pumping at once cannot swap their order.
   */
  void pump() {
    List<OutItem> toFail = null;
    String failReason = null;
    SndQueueRow q = owner.target(connectionId, queueId);
    boolean secure = false;
    List<OutItem> unsendable = null;
    Throwable clientError = null;
    List<OutItem> sent = null;
    List<CompletableFuture<Void>> answers = null;
    synchronized (this) {
      if (stopped || backingOff || securing || roundFailure != null || q == null) {
        return;
      }
      if (q.status() == SndQueueStatus.FAILED) {
        permanentFailure = permanentFailure == null ? SendFailure.PEER_DELETED : permanentFailure;
        toFail = new ArrayList<>(waiting.values());
        failReason = permanentFailure;
        waiting.clear();
      } else if (q.status() == SndQueueStatus.NEW) {
        if (inFlight.isEmpty() && sendable()) {
          securing = true;
          secure = true;
        }
      } else if (inFlight.size() < window && sendable()) {
        RelayClient client = null;
        try {
          client = owner.client(q.relay());
        } catch (RuntimeException e) {
          clientError = e;
          unsendable = new ArrayList<>();
        }
        if (client != null && inFlight.isEmpty()) {
          pipelineSession = client.session();
        }
        // Contact address queues are never secured: their SENDs go unsigned.
        byte[] key = q.status() == SndQueueStatus.ACTIVE ? null : q.sndAuthKey();
        while (inFlight.size() < window && sendable()) {
          Map.Entry<Long, OutItem> e = waiting.pollFirstEntry();
          OutItem item = e.getValue();
          inFlight.put(e.getKey(), item);
          byte[] body = null;
          if (client != null) {
            try {
              body = wireBody(q, item);
            } catch (CryptoException sealFailure) {
              clientError = sealFailure;
            }
          }
          if (body == null) {
            if (unsendable == null) {
              unsendable = new ArrayList<>();
            }
            unsendable.add(item);
          } else {
            if (sent == null) {
              sent = new ArrayList<>();
              answers = new ArrayList<>();
            }
            sent.add(item);
            answers.add(client.sendOn(pipelineSession, q.senderId(), key, body));
          }
        }
      }
    }
    if (sent != null) {
      // The client completes answers on the executor already, so no hop of our own; outside
      // the monitor, since a future that failed at once runs its continuation right here.
      for (int i = 0; i < sent.size(); i++) {
        OutItem item = sent.get(i);
        answers.get(i).whenComplete((v, err) -> done(item, err));
      }
    }
    if (unsendable != null) {
      for (OutItem item : unsendable) {
        done(item, clientError);
      }
    }
    if (toFail != null) {
      if (!toFail.isEmpty()) {
        owner.failed(connectionId, queueId, toFail, failReason, false);
      }
      return;
    }
    if (secure) {
      secure(q);
    }
  }

  /**
   * The SEND body of an outbox item. Control messages (confirmations, contact requests) are
   * stored fully sealed. Text and receipts are stored as their ratchet envelope and sealed in the
   * per-queue e2e layer here, for each attempt: the envelope never changes, so a retry cannot
   * advance the ratchet, and a second arrival opens as a ratchet duplicate and is dropped.
   */
  private byte[] wireBody(SndQueueRow q, OutItem item) throws CryptoException {
    if (item.kind() == OutMessageKind.CONTROL && !ControlPayload.isUnsealed(item.payload())) {
      return item.payload();
    }
    if (e2eKey == null || e2eKeyQueueId != q.id()) {
      e2eKey = E2eEnvelope.sharedKey(q.e2eKey(), q.e2ePeerKey());
      e2eKeyQueueId = q.id();
    }
    // A confirmation goes to each of the peer's queues with this queue's own e2e public key,
    // so that no two relays see the same key.
    byte[] ownKey = item.kind() == OutMessageKind.CONTROL
        && ControlPayload.isConfirmation(item.payload()) ? X25519.publicKeyOf(q.e2eKey()) : null;
    return E2eEnvelope.seal(e2eKey, ownKey, item.payload());
  }

  /** Whether the next message in order is committed and so may go out. */
  private boolean sendable() {
    return !waiting.isEmpty() && !uncommitted.contains(waiting.firstKey());
  }

  private void secure(SndQueueRow q) {
    CompletableFuture<Void> f;
    try {
      f = owner.client(q.relay()).secureBySender(q.senderId(), q.sndAuthKey(),
          X25519.publicKeyOf(q.sndAuthKey()));
    } catch (RuntimeException e) {
      f = CompletableFuture.failedFuture(e);
    }
    f.whenCompleteAsync((v, e) -> secured(e), owner.executor());
  }

  private void secured(Throwable error) {
    if (error == null) {
      owner.secured(connectionId, queueId);
      synchronized (this) {
        securing = false;
        attempts = 0;
      }
      pump();
      return;
    }
    SendFailure f = SendFailure.ofSecure(error);
    if (f.permanent()) {
      List<OutItem> all;
      synchronized (this) {
        securing = false;
        permanentFailure = f.reason();
        all = new ArrayList<>(waiting.values());
        waiting.clear();
      }
      owner.failed(connectionId, queueId, all, f.reason(), true);
      return;
    }
    synchronized (this) {
      securing = false;
      roundFailure = f.reason();
    }
    endRound();
  }

  private void done(OutItem item, Throwable error) {
    if (error == null) {
      synchronized (this) {
        inFlight.remove(item.agentMsgId());
        if (roundFailure == null) {
          attempts = 0;
        }
        window = Math.min(maxInFlight, window + 1);
      }
      owner.accepted(connectionId, queueId, item);
      endRound();
      pump();
      return;
    }
    SendFailure f = SendFailure.ofSend(error);
    if (f.permanent()) {
      List<OutItem> all = new ArrayList<>();
      synchronized (this) {
        inFlight.remove(item.agentMsgId());
        permanentFailure = f.reason();
        all.add(item);
        all.addAll(waiting.values());
        waiting.clear();
      }
      owner.failed(connectionId, queueId, all, f.reason(),
          SendFailure.PEER_DELETED.equals(f.reason()));
      return;
    }
    synchronized (this) {
      inFlight.remove(item.agentMsgId());
      if (SendFailure.isQuota(error)) {
        window = 1;
      }
      if (!stopped && permanentFailure == null) {
        waiting.put(item.agentMsgId(), item);
      }
      if (roundFailure == null) {
        roundFailure = f.reason();
      }
    }
    endRound();
  }

  /** Once a failed round has no command left in flight, backs off before the next. */
  private void endRound() {
    OutItem head;
    String reason;
    int attempt;
    synchronized (this) {
      if (roundFailure == null || !inFlight.isEmpty() || securing) {
        return;
      }
      reason = roundFailure;
      roundFailure = null;
      if (stopped) {
        return;
      }
      attempt = ++attempts;
      backingOff = true;
      head = waiting.isEmpty() ? null : waiting.firstEntry().getValue();
    }
    owner.retryLater(connectionId, queueId, head, attempt, reason);
  }
}

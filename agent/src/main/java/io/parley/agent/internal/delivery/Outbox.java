package io.parley.agent.internal.delivery;

import io.parley.agent.error.AgentException;
import io.parley.agent.event.AgentEvent;
import io.parley.agent.internal.e2e.Sealing;
import io.parley.agent.internal.events.EventLog;
import io.parley.agent.internal.state.ConnectionState;
import io.parley.agent.internal.state.Connections;
import io.parley.agent.internal.store.Database;
import io.parley.agent.internal.store.OutMessageKind;
import io.parley.agent.internal.store.OutMessageRow;
import io.parley.agent.internal.store.OutMessageStatus;
import io.parley.agent.internal.store.StoreException;
import io.parley.agent.internal.store.StoreTx;
import io.parley.agent.model.MessageStatus;
import io.parley.agent.model.QueuedMessage;
import io.parley.protocol.agent.AgentLimits;
import io.parley.protocol.agent.AgentMessage;
import io.parley.protocol.ratchet.RatchetException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * Puts agent messages into the outbox. Each is ratchet-encrypted exactly once, here, and the
 * ciphertext, the advanced ratchet and the sending chain go into one write unit; retries resend
 * those bytes and never touch the ratchet again (docs/agent.md section 4). After the unit
 * commits the message is handed to the connection's delivery worker. Thread-safe: the
 * encryption runs under the connection's monitor.
 */
public final class Outbox {
  private static final byte[] NO_HASH = new byte[0];
  /**
   * Least time between two receipts on one connection. Receipts are cumulative, so one covers
   * everything received in the interval; without it a busy receiver sent nearly one receipt per
   * message, each a full relay round, a store unit and a ratchet turn on both sides. It delays a
   * "delivered" status by at most this much. UNIT: milliseconds.
   */
  public static final long RECEIPT_INTERVAL_MILLIS = 100;
  /** Pause before a receipt whose unit failed is tried again. UNIT: milliseconds. */
  static final long RECEIPT_RETRY_MILLIS = 1_000;

  private final Database store;
  private final Clock clock;
  private final Deliveries deliveries;
  /** Runs deferred receipts; the agent's executor. */
  private final Executor executor;
  /** Sends with an idempotency key whose unit has not committed yet, with their text. */
  private final Map<String, PendingSend> pendingKeys = new ConcurrentHashMap<>();

  /** A keyed send in flight: its text, to compare a retry's with, and its answer. */
  private record PendingSend(String text, CompletableFuture<QueuedMessage> done) {}

  /** Made by {@link Deliveries}, whose workers send what this queues. */
  Outbox(Database store, Clock clock, Deliveries deliveries, Executor executor) {
    this.store = store;
    this.clock = clock;
    this.deliveries = deliveries;
    this.executor = executor;
  }

  /**
   * Encrypts and queues a text on an established connection. With an idempotency key already
   * used on this connection for the same text, answers with that first message instead; for
   * another text, refuses with IDEMPOTENCY_CONFLICT (the key names one message).
   *
   * @throws AgentException TEXT_TOO_LONG, NOT_ESTABLISHED, STORE_UNAVAILABLE,
   *     IDEMPOTENCY_CONFLICT
   */
  public CompletableFuture<QueuedMessage> sendText(ConnectionState s, String text,
      String idempotencyKey) throws AgentException {
    int length = text.getBytes(StandardCharsets.UTF_8).length;
    if (length > AgentLimits.MAX_TEXT_BYTES) {
      throw new AgentException(AgentException.Reason.TEXT_TOO_LONG,
          "text longer than " + AgentLimits.MAX_TEXT_BYTES + " bytes");
    }
    synchronized (s) {
      if (length > AgentLimits.PQ_MAX_TEXT_BYTES && s.ratchet() != null && s.ratchet().pq()) {
        // The hybrid ratchet's KEM key and ciphertext ride in every message and take the room.
        throw new AgentException(AgentException.Reason.TEXT_TOO_LONG, "text longer than "
            + AgentLimits.PQ_MAX_TEXT_BYTES + " bytes, the limit on a post-quantum connection");
      }
      if (s.gone()) {
        throw new AgentException(AgentException.Reason.UNKNOWN_CONNECTION, "no such connection");
      }
      if (!s.established() || s.sndQueues().isEmpty()) {
        throw new AgentException(AgentException.Reason.NOT_ESTABLISHED,
            "the connection is not established yet");
      }
      if (s.fence().broken()) {
        // A write of this connection failed and its copy is being reloaded: sealing now would
        // turn a ratchet the store does not hold.
        throw new AgentException(AgentException.Reason.STORE_UNAVAILABLE,
            "the store failed a write of this connection; try again shortly");
      }
      if (resyncPending(s)) {
        // Under the ratchet being replaced it would never open at the peer.
        throw new AgentException(AgentException.Reason.NOT_ESTABLISHED,
            "a ratchet resync is under way; send again after connection.ratchet_resynced");
      }
      String pendingKey = idempotencyKey == null ? null : s.id() + "\n" + idempotencyKey;
      if (pendingKey != null) {
        Optional<CompletableFuture<QueuedMessage>> earlier = earlier(s.id(), pendingKey,
            idempotencyKey, text);
        if (earlier.isPresent()) {
          return earlier.get();
        }
      }
      long seq = s.sndLastId() + 1;
      AgentMessage m = new AgentMessage(seq, s.sndLastHash(), new AgentMessage.Text(text));
      Queued q = seal(s, m, OutMessageKind.TEXT, text, idempotencyKey);
      String connectionId = s.id();
      OutItem item = OutItem.of(q.row);
      deliveries.reserve(connectionId, item);
      CompletableFuture<QueuedMessage> done = deliveries.afterCommit(connectionId, item,
          store.write(s.fence(), tx -> {
            insert(tx, connectionId, q);
            EventLog.append(tx, AgentEvent.MESSAGE_STATUS, connectionId,
                Map.of("messageId", q.row.id(), "status", MessageStatus.QUEUED.label()));
            return null;
          })).thenApply(v -> new QueuedMessage(q.row.id(), connectionId, MessageStatus.QUEUED,
              Instant.ofEpochMilli(q.row.createdAt())));
      done.whenComplete((r, e) -> {
        if (e != null) {
          Connections.resync(store, s);
        }
      });
      if (pendingKey != null) {
        PendingSend pending = new PendingSend(text, done);
        pendingKeys.put(pendingKey, pending);
        done.whenComplete((r, e) -> pendingKeys.remove(pendingKey, pending));
      }
      return done;
    }
  }

  /**
   * Queues a cumulative receipt for everything received so far, unless one is already pending
   * or none is wanted ({@link ConnectionState#receiptWanted}). Caller holds {@code s}'s
   * monitor.
   */
  public void queueReceiptLocked(ConnectionState s) {
    if (s.gone() || s.receiptPending() || !s.receiptWanted() || !s.established()
        || s.sndQueues().isEmpty() || resyncPending(s)) {
      // During a resync a receipt waits for the new ratchet: the next message received (the
      // peer's ratchet-ready at the latest) queues it.
      return;
    }
    if (s.fence().broken()) {
      // Memory may count a message the store lost: wait for the reload. Not dropped, as this
      // receipt may be the one a sender backing off after QUOTA waits for.
      deferReceiptLocked(s, RECEIPT_RETRY_MILLIS);
      return;
    }
    // Monotonic time: this paces real work, and an injected test clock may stand still.
    long now = System.nanoTime() / 1_000_000;
    long due = s.lastReceiptAt() + RECEIPT_INTERVAL_MILLIS;
    if (s.lastReceiptAt() != 0 && now < due) {
      deferReceiptLocked(s, due - now);
      return;
    }
    s.setLastReceiptAt(now);
    long seq = s.sndLastId() + 1;
    AgentMessage m = new AgentMessage(seq, s.sndLastHash(),
        new AgentMessage.Receipt(s.rcvLastId(), s.rcvLastHash()));
    Queued q;
    try {
      q = seal(s, m, OutMessageKind.RECEIPT, null, null);
    } catch (AgentException e) {
      return;
    }
    s.setReceiptPending(true);
    s.setReceiptWanted(false);
    String connectionId = s.id();
    OutItem item = OutItem.of(q.row);
    deliveries.reserve(connectionId, item);
    deliveries.afterCommit(connectionId, item, store.write(s.fence(), tx -> {
      insert(tx, connectionId, q);
      return null;
    })).whenComplete((v, e) -> {
      if (e != null) {
        synchronized (s) {
          s.setReceiptPending(false);
          s.setReceiptWanted(true);
        }
        // Its sequence number and ratchet turn are in memory only: take them back, then try
        // again after a pause (the store may still be failing). Dropping it could leave a
        // sender backing off after QUOTA for minutes, waiting for this very receipt.
        Connections.resync(store, s).thenRun(() -> {
          synchronized (s) {
            deferReceiptLocked(s, RECEIPT_RETRY_MILLIS);
          }
        });
      }
    });
  }

  /** Tries {@link #queueReceiptLocked} again after {@code delayMillis}, once. */
  private void deferReceiptLocked(ConnectionState s, long delayMillis) {
    if (s.receiptDeferred()) {
      return;
    }
    s.setReceiptDeferred(true);
    // A plain JDK timer: a lost wake-up here would withhold the last receipt for good.
    CompletableFuture.delayedExecutor(delayMillis, TimeUnit.MILLISECONDS, executor)
        .execute(() -> {
          synchronized (s) {
            s.setReceiptDeferred(false);
            queueReceiptLocked(s);
          }
        });
  }

  /**
   * A queued control message (confirmation or contact request) with a finished payload, for a
   * handshake unit to insert; hand it to {@link Deliveries#enqueue} after that unit commits.
   */
  public OutMessageRow controlRow(String connectionId, long seq, byte[] payload) {
    long now = clock.millis();
    return new OutMessageRow(OutItem.idOf(connectionId, seq), connectionId, seq,
        OutMessageKind.CONTROL, null, payload, NO_HASH, OutMessageStatus.QUEUED, null, 0, now,
        now, null, null, null);
  }

  /**
   * Encrypts the text as the connection's next message within a caller's unit (the welcome
   * message sent when a connection from the contact address is established). Caller holds the
   * monitor; the message is {@linkplain Deliveries#reserve reserved} here, so the caller passes
   * its unit to {@link Deliveries#afterCommit}.
   */
  public OutMessageRow textRowLocked(ConnectionState s, String text) throws AgentException {
    long seq = s.sndLastId() + 1;
    AgentMessage m = new AgentMessage(seq, s.sndLastHash(), new AgentMessage.Text(text));
    OutMessageRow row = seal(s, m, OutMessageKind.TEXT, text, null).row;
    deliveries.reserve(s.id(), OutItem.of(row));
    return row;
  }

  /**
   * Encrypts an agent protocol message (queue rotation) as the connection's next message, like
   * {@link #textRowLocked}: caller holds the monitor and passes its unit, which must call
   * {@link #insertControl}, to {@link Deliveries#committed} or {@link Deliveries#abandon}.
   */
  public OutMessageRow controlRowLocked(ConnectionState s, AgentMessage.Body body)
      throws AgentException {
    long seq = s.sndLastId() + 1;
    AgentMessage m = new AgentMessage(seq, s.sndLastHash(), body);
    OutMessageRow row = seal(s, m, OutMessageKind.CONTROL, null, null).row;
    deliveries.reserve(s.id(), OutItem.of(row));
    return row;
  }

  /**
   * Seals a protocol message (a re-key answer, a ratchet-ready) as the connection's next agent
   * message under its current ratchet, and reserves its place. It is stored as a
   * {@link OutMessageKind#RECEIPT}: like a receipt, the user never sees it and the delivery worker
   * seals it per queue. Caller holds the monitor, inserts the row in its unit (which also stores
   * the ratchet and the sending chain) and passes that unit to {@link Deliveries#afterCommit}.
   */
  public OutMessageRow protocolRowLocked(ConnectionState s, AgentMessage.Body body)
      throws AgentException {
    AgentMessage m = new AgentMessage(s.sndLastId() + 1, s.sndLastHash(), body);
    OutMessageRow row = seal(s, m, OutMessageKind.RECEIPT, null, null).row;
    deliveries.reserve(s.id(), OutItem.of(row));
    return row;
  }

  /** The writes of a message sealed by {@link #controlRowLocked}, for the caller's unit. */
  public static void insertControl(StoreTx tx, OutMessageRow row, byte[] ratchet)
      throws StoreException {
    tx.outbox().insert(row);
    tx.connections().advanceSending(row.connectionId(), row.agentMsgId(), row.msgHash(), ratchet);
  }

  /**
   * Queues an agent envelope that is not ratchet-encrypted (a resync's keys) as the
   * connection's next message: {@code envelopeAt} builds it for its sending position, and its
   * SHA-256 becomes the hash the next message chains to. Reserved like
   * {@link #protocolRowLocked}; caller holds the monitor.
   */
  public OutMessageRow envelopeRowLocked(ConnectionState s,
      java.util.function.LongFunction<byte[]> envelopeAt) {
    long seq = s.sndLastId() + 1;
    byte[] payload = envelopeAt.apply(seq);
    byte[] hash = io.parley.protocol.crypto.Hashes.sha256(payload);
    s.advanceSending(seq, hash);
    long now = clock.millis();
    OutMessageRow row = new OutMessageRow(OutItem.idOf(s.id(), seq), s.id(), seq,
        OutMessageKind.RECEIPT, null, payload, hash, OutMessageStatus.QUEUED, null, 0, now, now,
        null, null, null);
    deliveries.reserve(s.id(), OutItem.of(row));
    return row;
  }

  /** The writes of a message sealed by {@link #textRowLocked}, for the caller's unit. */
  public static void insertText(StoreTx tx, OutMessageRow row, byte[] ratchet)
      throws StoreException {
    tx.outbox().insert(row);
    tx.connections().advanceSending(row.connectionId(), row.agentMsgId(), row.msgHash(), ratchet);
    EventLog.append(tx, AgentEvent.MESSAGE_STATUS, row.connectionId(),
        Map.of("messageId", row.id(), "status", MessageStatus.QUEUED.label()));
  }

  /**
   * The answer of the earlier send with this key, if any.
   *
   * @throws AgentException IDEMPOTENCY_CONFLICT when that send's text differs from {@code text}
   */
  private Optional<CompletableFuture<QueuedMessage>> earlier(String connectionId,
      String pendingKey, String idempotencyKey, String text) throws AgentException {
    PendingSend pending = pendingKeys.get(pendingKey);
    if (pending != null) {
      requireSameText(pending.text(), text);
      return Optional.of(pending.done());
    }
    Optional<OutMessageRow> stored;
    try {
      stored = store.read(tx -> tx.outbox().findByIdempotencyKey(connectionId, idempotencyKey));
    } catch (StoreException e) {
      throw new AgentException(AgentException.Reason.STORE_UNAVAILABLE,
          "cannot check the idempotency key", e);
    }
    if (stored.isEmpty()) {
      return Optional.empty();
    }
    OutMessageRow r = stored.get();
    requireSameText(r.text(), text);
    return Optional.of(CompletableFuture.completedFuture(new QueuedMessage(r.id(), connectionId,
        MessageStatus.valueOf(r.status().name().toUpperCase(Locale.ROOT)),
        Instant.ofEpochMilli(r.createdAt()))));
  }

  /** A key names one message: a retry must carry the same text. */
  private static void requireSameText(String first, String again) throws AgentException {
    if (first != null && !first.equals(again)) {
      throw new AgentException(AgentException.Reason.IDEMPOTENCY_CONFLICT,
          "the idempotency key was already used on this connection for a different text");
    }
  }

  /** Whether a resync asked for here is under way: the current ratchet will be replaced. */
  private static boolean resyncPending(ConnectionState s) {
    return s.change() != null
        && (s.change().syncKeys() != null || s.change().resyncCode() != null);
  }

  /** The row and ratchet of one sealed message; the state has advanced already. */
  private record Queued(OutMessageRow row, byte[] ratchet) {}

  private Queued seal(ConnectionState s, AgentMessage m, OutMessageKind kind, String text,
      String idempotencyKey) throws AgentException {
    byte[] payload;
    try {
      payload = Sealing.messageEnvelope(s.ratchet(), m);
    } catch (RatchetException e) {
      throw new AgentException(AgentException.Reason.NOT_ESTABLISHED,
          "the connection cannot encrypt yet", e);
    }
    byte[] hash = m.hash();
    s.advanceSending(m.msgId(), hash);
    long now = clock.millis();
    OutMessageRow row = new OutMessageRow(OutItem.idOf(s.id(), m.msgId()), s.id(), m.msgId(),
        kind, text, payload, hash, OutMessageStatus.QUEUED, null, 0, now, now, null, null,
        idempotencyKey);
    return new Queued(row, s.ratchet().serialize());
  }

  private static void insert(StoreTx tx, String connectionId, Queued q) throws StoreException {
    tx.outbox().insert(q.row);
    tx.connections().advanceSending(connectionId, q.row.agentMsgId(), q.row.msgHash(),
        q.ratchet);
  }
}

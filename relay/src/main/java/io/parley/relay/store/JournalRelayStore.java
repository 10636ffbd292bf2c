package io.parley.relay.store;

import io.parley.protocol.codec.ByteKey;
import io.parley.protocol.ProtocolLimits;
import io.parley.protocol.command.QueueMode;
import io.parley.protocol.crypto.SecureRandoms;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The relay's {@link RelayStore}: every queue and message lives in memory, indexed by both
 * queue ids; with a data directory each change is also written to a queue log and a message
 * journal (docs/relay-store.md) before its future completes.
 *
 * <p>Thread-safe: each queue is guarded by its own lock, so calls on different queues from
 * different event loops never contend. Futures complete on the committer thread, or at once
 * when memory-only. Memory: about 400 bytes of heap per idle queue (see docs/relay-store.md).
 */
public final class JournalRelayStore implements RelayStore {
  /** Tries at drawing fresh queue ids before giving up; a collision of 192 random bits. */
  static final int MAX_ID_ATTEMPTS = 5;
  /** Largest message body the store accepts; the protocol caps SEND far below. UNIT: bytes. */
  public static final int MAX_BODY_BYTES = 65_536;
  /** Longest key the store encodes (a short field). UNIT: bytes. */
  static final int MAX_KEY_BYTES = 255;

  private static final byte[] NO_BODY = new byte[0];
  private static final AppendResult QUOTA_EXCEEDED = new AppendResult.QuotaExceeded();
  private static final AppendResult NO_QUEUE = new AppendResult.NoQueue();

  private final int queueQuota;
  private final Supplier<byte[]> queueIds;
  private final ConcurrentHashMap<ByteKey, QueueState> byRecipient;
  private final ConcurrentHashMap<ByteKey, QueueState> bySender;
  private final AtomicLong nextSeq;
  private volatile StorePersistence persistence = StorePersistence.NONE;
  /** Held while the files are open; null when memory-only. */
  private volatile StoreLock lock;
  private volatile boolean closed;

  JournalRelayStore(StoreConfig config, Supplier<byte[]> queueIds, RecoveredState recovered) {
    this.queueQuota = config.queueQuota();
    this.queueIds = queueIds;
    int capacity = Math.max(16, recovered.queues().size());
    this.byRecipient = new ConcurrentHashMap<>(capacity);
    this.bySender = new ConcurrentHashMap<>(capacity);
    for (QueueState s : recovered.queues()) {
      QueueRecord r = s.record();
      byRecipient.put(new ByteKey(r.recipientId()), s);
      bySender.put(new ByteKey(r.senderId()), s);
    }
    this.nextSeq = new AtomicLong(recovered.nextSeq());
  }

  /**
   * Opens the store: memory-only, or recovering and compacting the files in the configured
   * directory (creating it if needed). A persistent store locks its directory first and holds
   * the lock until {@link #close()}.
   *
   * @throws StoreLockedException if another store, in this process or another, has the
   *     directory open; nothing in it was touched
   * @throws StoreCorruptedException if a file is damaged anywhere but in its torn tail
   * @throws StoreException if the files cannot be read or written
   */
  public static JournalRelayStore open(StoreConfig config) throws StoreException {
    return open(config, () -> SecureRandoms.bytes(ProtocolLimits.ID_BYTES));
  }

  static JournalRelayStore open(StoreConfig config, Supplier<byte[]> queueIds)
      throws StoreException {
    return open(config, queueIds, StoreTuning.DEFAULT);
  }

  static JournalRelayStore open(StoreConfig config, Supplier<byte[]> queueIds, StoreTuning tuning)
      throws StoreException {
    if (!config.isPersistent()) {
      return new JournalRelayStore(config, queueIds, RecoveredState.EMPTY);
    }
    return StoreOpener.open(config, tuning,
        recovered -> new JournalRelayStore(config, queueIds, recovered));
  }

  /** What compaction snapshots: the live queues and the next sequence number. */
  JournalSegments.LiveView liveView() {
    return new JournalSegments.LiveView() {
      @Override
      public Iterable<QueueState> queues() {
        return byRecipient.values();
      }

      @Override
      public long nextSeq() {
        return nextSeq.get();
      }
    };
  }

  /** Starts persisting through {@code disk}; {@code dirLock} is released by {@link #close()}. */
  void attach(StorePersistence disk, StoreLock dirLock) {
    this.persistence = disk;
    this.lock = dirLock;
  }

  @Override
  public CompletableFuture<QueueRecord> createQueue(
      byte[] recipientAuthKey, byte[] deliveryKey, QueueMode mode) {
    if (!validKey(recipientAuthKey) || !validKey(deliveryKey) || mode == null) {
      return CompletableFuture.failedFuture(new StoreException("invalid queue parameters"));
    }
    for (int attempt = 0; attempt < MAX_ID_ATTEMPTS; attempt++) {
      byte[] rid = queueIds.get();
      byte[] sid = queueIds.get();
      if (Arrays.equals(rid, sid)) {
        continue;
      }
      QueueRecord record =
          new QueueRecord(rid, sid, recipientAuthKey, deliveryKey, null, mode, QueueStatus.ACTIVE);
      QueueState state = new QueueState(record);
      ByteKey rk = new ByteKey(rid);
      ByteKey sk = new ByteKey(sid);
      CompletableFuture<Void> durable;
      synchronized (state) {
        if (closed) {
          return closedFuture();
        }
        if (byRecipient.putIfAbsent(rk, state) != null) {
          continue;
        }
        if (bySender.putIfAbsent(sk, state) != null) {
          byRecipient.remove(rk, state);
          continue;
        }
        durable = persistence.queueCreated(record);
      }
      return after(durable, record, () -> {
        synchronized (state) {
          state.markDeleted();
          byRecipient.remove(rk, state);
          bySender.remove(sk, state);
        }
      });
    }
    return CompletableFuture.failedFuture(new StoreException("no free queue ids"));
  }

  @Override
  public Optional<QueueRecord> byRecipientId(byte[] recipientId) {
    return recordOf(find(byRecipient, recipientId));
  }

  @Override
  public Optional<QueueRecord> bySenderId(byte[] senderId) {
    return recordOf(find(bySender, senderId));
  }

  @Override
  public CompletableFuture<QueueRecord> secure(byte[] recipientId, byte[] senderAuthKey) {
    if (!validKey(senderAuthKey)) {
      return CompletableFuture.failedFuture(new StoreException("invalid sender key"));
    }
    QueueState s = find(byRecipient, recipientId);
    if (s == null) {
      return CompletableFuture.failedFuture(new QueueNotFoundException());
    }
    QueueRecord updated;
    CompletableFuture<Void> durable;
    synchronized (s) {
      if (s.deleted()) {
        return CompletableFuture.failedFuture(new QueueNotFoundException());
      }
      if (closed) {
        return closedFuture();
      }
      byte[] current = s.record().senderAuthKey();
      if (current != null) {
        // Compare-and-set under the queue's lock: two racing KEY/SKEY commands cannot both win.
        return java.util.Arrays.equals(current, senderAuthKey)
            ? CompletableFuture.completedFuture(s.record())
            : CompletableFuture.failedFuture(new SenderKeyConflictException());
      }
      updated = s.record().withSenderKey(senderAuthKey);
      s.record(updated);
      durable = persistence.queueSecured(updated.recipientId(), senderAuthKey);
    }
    return after(durable, updated, null);
  }

  @Override
  public CompletableFuture<QueueRecord> suspend(byte[] recipientId) {
    QueueState s = find(byRecipient, recipientId);
    if (s == null) {
      return CompletableFuture.failedFuture(new QueueNotFoundException());
    }
    QueueRecord updated;
    CompletableFuture<Void> durable;
    synchronized (s) {
      if (s.deleted()) {
        return CompletableFuture.failedFuture(new QueueNotFoundException());
      }
      if (closed) {
        return closedFuture();
      }
      updated = s.record().withStatus(QueueStatus.OFF);
      s.record(updated);
      durable = persistence.queueSuspended(updated.recipientId());
    }
    return after(durable, updated, null);
  }

  @Override
  public CompletableFuture<Boolean> deleteQueue(byte[] recipientId) {
    QueueState s = find(byRecipient, recipientId);
    if (s == null) {
      return CompletableFuture.completedFuture(false);
    }
    CompletableFuture<Void> durable;
    synchronized (s) {
      if (s.deleted()) {
        return CompletableFuture.completedFuture(false);
      }
      if (closed) {
        return closedFuture();
      }
      QueueRecord r = s.record();
      List<QueuedMessage> dropped = new ArrayList<>(s.size());
      s.messages().forEach(dropped::add);
      s.markDeleted();
      byRecipient.remove(new ByteKey(r.recipientId()), s);
      bySender.remove(new ByteKey(r.senderId()), s);
      durable = persistence.queueDeleted(r.recipientId(), dropped);
    }
    return after(durable, Boolean.TRUE, null);
  }

  /**
   * {@inheritDoc}
   *
   * <p>A suspended queue answers {@link AppendResult.NoQueue}, like a missing one (both are
   * {@code ERR AUTH}). The store keeps {@code body} without copying it. Until the future
   * completes the message may already be visible to {@link #peek}; if the write fails it is
   * taken back out of the queue.
   */
  @Override
  public CompletableFuture<AppendResult> append(
      byte[] recipientId, boolean notifyFlag, byte[] body, long timestamp) {
    if (body == null || body.length > MAX_BODY_BYTES) {
      return CompletableFuture.failedFuture(new StoreException("missing or oversized body"));
    }
    QueueState s = find(byRecipient, recipientId);
    if (s == null) {
      return CompletableFuture.completedFuture(NO_QUEUE);
    }
    QueuedMessage queued;
    CompletableFuture<Void> durable;
    synchronized (s) {
      if (s.deleted() || s.record().status() == QueueStatus.OFF) {
        return CompletableFuture.completedFuture(NO_QUEUE);
      }
      if (s.quotaBlocked()) {
        return CompletableFuture.completedFuture(QUOTA_EXCEEDED);
      }
      if (closed) {
        return closedFuture();
      }
      byte[] msgId = SecureRandoms.bytes(ProtocolLimits.ID_BYTES);
      StoredMessage m = s.size() >= queueQuota
          ? new StoredMessage(msgId, timestamp, false, true, NO_BODY)
          : new StoredMessage(msgId, timestamp, notifyFlag, false, body);
      queued = new QueuedMessage(nextSeq.getAndIncrement(), m);
      s.add(queued);
      durable = persistence.messageAppended(s.record().recipientId(), queued);
    }
    AppendResult result = queued.message().quotaMarker()
        ? QUOTA_EXCEEDED
        : new AppendResult.Appended(queued.message());
    return after(durable, result, () -> {
      synchronized (s) {
        s.removeSeq(queued.seq());
      }
    });
  }

  @Override
  public Optional<StoredMessage> peek(byte[] recipientId) {
    QueueState s = find(byRecipient, recipientId);
    if (s == null) {
      return Optional.empty();
    }
    synchronized (s) {
      QueuedMessage head = s.head();
      return head == null ? Optional.empty() : Optional.of(head.message());
    }
  }

  @Override
  public boolean remove(byte[] recipientId, byte[] msgId) {
    QueueState s = find(byRecipient, recipientId);
    if (s == null || msgId == null) {
      return false;
    }
    synchronized (s) {
      QueuedMessage head = s.head();
      if (s.deleted() || head == null || !Arrays.equals(head.message().msgId(), msgId)) {
        return false;
      }
      s.removeHead();
      persistence.messageRemoved(s.record().recipientId(), head);
      return true;
    }
  }

  @Override
  public int expire(long cutoffEpochSeconds) {
    int count = 0;
    for (QueueState s : byRecipient.values()) {
      synchronized (s) {
        if (s.deleted()) {
          continue;
        }
        for (QueuedMessage m : s.removeOlderThan(cutoffEpochSeconds)) {
          persistence.messageRemoved(s.record().recipientId(), m);
          count++;
        }
      }
    }
    return count;
  }

  @Override
  public int queueCount() {
    return byRecipient.size();
  }

  /**
   * {@inheritDoc}
   *
   * <p>Releases the directory lock once the files are closed, even when the final flush
   * failed; it is kept only if the writer thread did not stop, since it may still write.
   */
  @Override
  public void close() throws StoreException {
    // Taking each queue's lock after setting the flag would be needed for a hard guarantee;
    // persistence rejects writes after close anyway, so a racing call just fails.
    closed = true;
    try {
      persistence.close();
    } finally {
      StoreLock held = lock;
      if (held != null && persistence.stopped()) {
        held.close();
      }
    }
  }

  /**
   * Lets the directory go as the OS does when the process dies: no flush, no close, the
   * writer left as it is. Only for tests that simulate a crash in-process.
   */
  void releaseLockAsIfKilled() {
    StoreLock held = lock;
    if (held != null) {
      held.close();
    }
  }

  private static QueueState find(ConcurrentHashMap<ByteKey, QueueState> map, byte[] id) {
    return id == null ? null : map.get(new ByteKey(id));
  }

  private static Optional<QueueRecord> recordOf(QueueState s) {
    if (s == null) {
      return Optional.empty();
    }
    synchronized (s) {
      return s.deleted() ? Optional.empty() : Optional.of(s.record());
    }
  }

  private static boolean validKey(byte[] key) {
    return key != null && key.length > 0 && key.length <= MAX_KEY_BYTES;
  }

  private static <T> CompletableFuture<T> closedFuture() {
    return CompletableFuture.failedFuture(new StoreException("store is closed"));
  }

  /**
   * A future completing with {@code value} once {@code durable} does; if the write failed, runs
   * {@code undo} and fails with the write's StoreException itself (not wrapped).
   */
  private static <T> CompletableFuture<T> after(
      CompletableFuture<Void> durable, T value, Runnable undo) {
    CompletableFuture<T> out = new CompletableFuture<>();
    durable.whenComplete((ignored, failure) -> {
      if (failure == null) {
        out.complete(value);
        return;
      }
      if (undo != null) {
        undo.run();
      }
      Throwable cause = failure instanceof CompletionException && failure.getCause() != null
          ? failure.getCause()
          : failure;
      out.completeExceptionally(cause instanceof StoreException
          ? cause
          : new StoreException("write failed", cause));
    });
    return out;
  }
}

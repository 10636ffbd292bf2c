package io.parley.relay.store;

import io.parley.protocol.command.QueueMode;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Queues and their messages. State lives in memory; an implementation may persist it. Every
 * mutating call returns a future that completes only once the change is durable under the
 * store's fsync policy, so the relay answers OK/IDS only for what survives a crash. Futures
 * complete on a store thread; callers must not block event loops on them, and callbacks
 * attached to them must not block either (they run on the store's committer thread). A future
 * fails with {@link StoreException} when the write failed: then nothing is reported stored.
 *
 * <p>Arrays passed in or handed out (ids, keys, bodies) are shared, not copied: do not modify
 * them.
 *
 * <p>Thread-safe. Queue ids are compared by content.
 */
public interface RelayStore extends AutoCloseable {

  /** Creates a queue with fresh random ids (retrying on the unlikely collision). */
  CompletableFuture<QueueRecord> createQueue(
      byte[] recipientAuthKey, byte[] deliveryKey, QueueMode mode);

  Optional<QueueRecord> byRecipientId(byte[] recipientId);

  Optional<QueueRecord> bySenderId(byte[] senderId);

  /**
   * Sets the sender key if none is set (atomically). Completes with the record; setting the key
   * the queue already has is a no-op retry. Fails with {@link SenderKeyConflictException} if a
   * different key is set, or {@link QueueNotFoundException} if the queue does not exist.
   */
  CompletableFuture<QueueRecord> secure(byte[] recipientId, byte[] senderAuthKey);

  /** Marks the queue OFF; fails with {@link QueueNotFoundException} if it does not exist. */
  CompletableFuture<QueueRecord> suspend(byte[] recipientId);

  /** Deletes the queue and every message in it. Completes with false if it did not exist. */
  CompletableFuture<Boolean> deleteQueue(byte[] recipientId);

  /**
   * Appends a message at {@code timestamp} (Unix seconds), enforcing the queue quota: the
   * SEND that finds the queue full appends a quota marker instead and the queue then refuses
   * SENDs until the recipient has removed every message (quota marker included).
   */
  CompletableFuture<AppendResult> append(
      byte[] recipientId, boolean notifyFlag, byte[] body, long timestamp);

  /** The oldest message of the queue, if any. */
  Optional<StoredMessage> peek(byte[] recipientId);

  /**
   * Removes the oldest message if its id is {@code msgId}; returns whether it did. Removal does
   * not wait for fsync: a removal lost in a crash only causes a redelivery, which agents drop.
   */
  boolean remove(byte[] recipientId, byte[] msgId);

  /** Deletes messages with a timestamp before {@code cutoffEpochSeconds}; returns how many. */
  int expire(long cutoffEpochSeconds);

  /** How many queues exist. */
  int queueCount();

  /** Flushes pending writes and releases files. */
  @Override
  void close() throws StoreException;
}

package io.parley.relay.store;

import java.util.concurrent.CompletableFuture;

/**
 * Where {@link JournalRelayStore} records its changes. Each method is called while the queue's
 * lock is held, so the records of one queue reach the files in the order the changes happened
 * in memory. A returned future completes (on the committer thread) once the change is durable
 * under the fsync policy, or exceptionally with {@link StoreException}. Thread-safe.
 */
interface StorePersistence {

  CompletableFuture<Void> queueCreated(QueueRecord queue);

  CompletableFuture<Void> queueSecured(byte[] recipientId, byte[] senderAuthKey);

  CompletableFuture<Void> queueSuspended(byte[] recipientId);

  /** The queue is gone with {@code droppedMessages} of its messages. */
  CompletableFuture<Void> queueDeleted(byte[] recipientId, Iterable<QueuedMessage> dropped);

  CompletableFuture<Void> messageAppended(byte[] recipientId, QueuedMessage message);

  /** Records a removal without waiting for it (a lost removal only causes a redelivery). */
  void messageRemoved(byte[] recipientId, QueuedMessage message);

  /** Flushes what is pending and releases files; later calls fail with StoreException. */
  void close() throws StoreException;

  /**
   * Whether nothing writes the files any more: true after a {@link #close()} that returned,
   * or that failed once its writer had stopped.
   */
  default boolean stopped() {
    return true;
  }

  /** Keeps nothing: every change is "durable" at once. */
  StorePersistence NONE = new StorePersistence() {
    private final CompletableFuture<Void> done = CompletableFuture.completedFuture(null);

    @Override
    public CompletableFuture<Void> queueCreated(QueueRecord queue) {
      return done;
    }

    @Override
    public CompletableFuture<Void> queueSecured(byte[] recipientId, byte[] senderAuthKey) {
      return done;
    }

    @Override
    public CompletableFuture<Void> queueSuspended(byte[] recipientId) {
      return done;
    }

    @Override
    public CompletableFuture<Void> queueDeleted(byte[] rid, Iterable<QueuedMessage> dropped) {
      return done;
    }

    @Override
    public CompletableFuture<Void> messageAppended(byte[] recipientId, QueuedMessage message) {
      return done;
    }

    @Override
    public void messageRemoved(byte[] recipientId, QueuedMessage message) {}

    @Override
    public void close() {}
  };
}

package io.parley.agent.readmodel;

import io.parley.agent.store.StoreException;
import java.util.List;
import java.util.Map;

/** Counts for monitoring, each answered from an index by one read. Thread-safe. */
public interface StoreStats {
  /** Connections by status (pending, joining, established; deleted ones left out). */
  Map<String, Long> connectionsByStatus() throws StoreException;

  /** Outgoing messages (texts, receipts, handshake steps) waiting for a relay to accept them. */
  long queuedOutgoing() throws StoreException;

  /**
   * When the oldest still queued outgoing message was queued, or 0 if none is.
   * UNIT: epoch milliseconds.
   */
  long oldestQueuedAt() throws StoreException;

  /** Contact requests waiting for a decision. */
  long pendingRequests() throws StoreException;

  /**
   * Events after {@code seq} of the given types (every type when {@code typesOrNull} is null):
   * what a reader at that cursor still has to see.
   */
  long eventsAfter(long seq, List<String> typesOrNull) throws StoreException;

  /**
   * Like {@link #eventsAfter(long, List)}, counting only what the stream of
   * {@code profileIdOrNull} shows (its own events and every profile's), or every event when
   * null.
   */
  default long eventsAfter(long seq, List<String> typesOrNull, String profileIdOrNull)
      throws StoreException {
    return eventsAfter(seq, typesOrNull);
  }
}

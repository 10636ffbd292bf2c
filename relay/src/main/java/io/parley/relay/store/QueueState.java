package io.parley.relay.store;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The mutable in-memory state of one queue. Every field is guarded by the instance's monitor,
 * which is also the queue's lock: per-queue operations are atomic, different queues never
 * contend. Kept small because a relay holds a million of these: the message deque exists only
 * while the queue holds messages.
 */
final class QueueState {
  private QueueRecord record;
  private ArrayDeque<QueuedMessage> messages;
  private boolean deleted;

  QueueState(QueueRecord record) {
    this.record = record;
  }

  QueueRecord record() {
    return record;
  }

  void record(QueueRecord r) {
    record = r;
  }

  boolean deleted() {
    return deleted;
  }

  void markDeleted() {
    deleted = true;
    messages = null;
  }

  int size() {
    return messages == null ? 0 : messages.size();
  }

  QueuedMessage head() {
    return messages == null ? null : messages.peekFirst();
  }

  /** A quota marker is always the last message while present, and blocks SENDs. */
  boolean quotaBlocked() {
    return messages != null && messages.peekLast().message().quotaMarker();
  }

  void add(QueuedMessage m) {
    if (messages == null) {
      messages = new ArrayDeque<>(4);
    }
    messages.addLast(m);
  }

  QueuedMessage removeHead() {
    QueuedMessage m = messages.pollFirst();
    releaseIfEmpty();
    return m;
  }

  /** Removes the message with {@code seq}, wherever it is; returns it or null. */
  QueuedMessage removeSeq(long seq) {
    if (messages == null) {
      return null;
    }
    for (var it = messages.iterator(); it.hasNext(); ) {
      QueuedMessage m = it.next();
      if (m.seq() == seq) {
        it.remove();
        releaseIfEmpty();
        return m;
      }
    }
    return null;
  }

  /** Removes every message stamped before {@code cutoff} (Unix seconds); returns them. */
  List<QueuedMessage> removeOlderThan(long cutoff) {
    if (messages == null) {
      return List.of();
    }
    List<QueuedMessage> removed = new ArrayList<>();
    for (var it = messages.iterator(); it.hasNext(); ) {
      QueuedMessage m = it.next();
      if (m.message().timestamp() < cutoff) {
        it.remove();
        removed.add(m);
      }
    }
    releaseIfEmpty();
    return removed;
  }

  /** Highest sequence number held, or -1 if empty. */
  long lastSeq() {
    return messages == null ? -1 : messages.peekLast().seq();
  }

  Iterable<QueuedMessage> messages() {
    return messages == null ? List.of() : messages;
  }

  private void releaseIfEmpty() {
    if (messages.isEmpty()) {
      messages = null;
    }
  }
}

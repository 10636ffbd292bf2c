package io.parley.relay.store;

import java.util.Arrays;

/**
 * A queue id as a map key: equality and hash by content. It wraps the id array without copying
 * so a queue's key and its {@link QueueRecord} share one array; callers must not mutate it.
 * Immutable, thread-safe.
 */
final class QueueKey {
  private final byte[] id;
  private final int hash;

  QueueKey(byte[] id) {
    this.id = id;
    this.hash = Arrays.hashCode(id);
  }

  byte[] id() {
    return id;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof QueueKey k && hash == k.hash && Arrays.equals(id, k.id);
  }

  @Override
  public int hashCode() {
    return hash;
  }

  /** Never the id itself: ids are secrets of the queue's parties. */
  @Override
  public String toString() {
    return "QueueKey[" + id.length + " bytes]";
  }
}

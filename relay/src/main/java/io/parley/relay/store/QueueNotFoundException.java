package io.parley.relay.store;

/**
 * The queue a store call named does not exist (never created, or deleted meanwhile). Unlike
 * its parent this is not a storage failure: the relay answers {@code ERR AUTH}, as for any
 * unknown queue.
 */
public final class QueueNotFoundException extends StoreException {
  public QueueNotFoundException() {
    super("no such queue");
  }
}

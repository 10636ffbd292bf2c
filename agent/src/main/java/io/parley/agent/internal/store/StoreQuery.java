package io.parley.agent.internal.store;

/**
 * A read: it runs in one read transaction on a read-only connection, so all its queries see the
 * same committed snapshot.
 */
@FunctionalInterface
public interface StoreQuery<T> {
  T run(StoreTx tx) throws StoreException;
}

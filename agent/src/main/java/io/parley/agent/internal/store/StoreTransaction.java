package io.parley.agent.internal.store;

/**
 * One write unit: everything it does commits together or not at all. It runs on the writer
 * thread inside its own savepoint, so it must be short and must not block on anything but the
 * database (no network, no waiting on other writes). Throwing any exception rolls back only
 * this unit and fails only its future, with that exception.
 */
@FunctionalInterface
public interface StoreTransaction<T> {
  T run(StoreTx tx) throws Exception;
}

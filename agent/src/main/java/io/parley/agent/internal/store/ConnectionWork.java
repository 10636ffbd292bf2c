package io.parley.agent.internal.store;

import java.sql.Connection;

/**
 * A write unit that works on the writer's connection directly. For repositories that share the
 * database file but live outside this package (the local API's tables): their writes then join
 * the agent's group commit instead of taking SQLite's write lock, and syncing, on their own.
 */
@FunctionalInterface
public interface ConnectionWork<T> {
  /** Runs inside the unit's savepoint; a thrown exception rolls back only this unit. */
  T run(Connection connection) throws Exception;
}

package io.parley.agent.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;

/**
 * A host program's access to its own tables ({@link SchemaExtension}) in the agent's database
 * file, obtained from {@code Agent.extendStore}. Writes are units of the agent's group commit:
 * one writer for the file, so a host write never competes with the agent's for SQLite's lock
 * and shares its fsync. Reads run on the agent's read-only connections. Thread-safe; valid
 * until the agent closes.
 */
public interface SharedStore {
  /** Work on a connection that must not be kept beyond the call. */
  @FunctionalInterface
  interface SqlWork<T> {
    T run(Connection connection) throws SQLException, StoreException;
  }

  /**
   * Runs {@code work} in one read transaction: every query sees one committed snapshot.
   *
   * @throws StoreUnavailableException if no read connection became free in time, or the store
   *     is closed
   */
  <T> T read(SqlWork<T> work) throws StoreException;

  /**
   * Queues {@code work} as one unit of the agent's writer. The future completes with its result
   * once the transaction holding it is durable ({@code synchronous=FULL}); it fails with the
   * unit's own exception if the unit threw (only that unit is rolled back; an
   * {@link SQLException} arrives classified by {@link SqliteErrors#translate}), or with
   * {@link StoreUnavailableException} if the commit failed, the queue is full or the store is
   * closed (then nothing of the unit is stored).
   */
  <T> CompletableFuture<T> write(SqlWork<T> work);

  /** A new random url-safe row id of 22 characters, like the agent's own. */
  String newId();

  /** The database file. */
  Path file();
}

package io.parley.daemon.store.api;

import io.parley.agent.internal.store.Database;
import io.parley.agent.internal.store.StoreException;
import io.parley.agent.internal.store.StoreUnavailableException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The API's access to the agent's SQLite file ({@code parley.db}, already created and migrated
 * by {@link Database#open}). Each {@link #read} is one transaction on the API's own connection.
 * Each {@link #write} is one transaction too: opened with the agent's {@link Database}, it is a
 * unit of the agent's group commit (one fsync shared with the agent's writes, no competition for
 * SQLite's write lock); opened on the file alone, it commits on the API's connection. Either way
 * it is durable ({@code synchronous=FULL}) before it returns, so a 2xx answered after it is
 * durable. Thread-safe.
 */
public final class ApiStore implements AutoCloseable {
  /** How long a write waits for the agent's writer to release the lock. UNIT: milliseconds. */
  public static final int DEFAULT_BUSY_TIMEOUT_MILLIS = 5_000;

  private final Connection conn;
  private final Clock clock;
  /** The agent's store, whose writer runs the writes; null when opened on the file alone. */
  private final Database agentStore;
  private final long writeTimeoutMillis;
  private volatile boolean closed;

  private ApiStore(Connection conn, Clock clock, Database agentStore, long writeTimeoutMillis) {
    this.conn = conn;
    this.clock = clock;
    this.agentStore = agentStore;
    this.writeTimeoutMillis = writeTimeoutMillis;
  }

  /** Work run inside one transaction. */
  @FunctionalInterface
  public interface Work<T> {
    T run(ApiTx tx) throws StoreException;
  }

  /** {@link #open(Path, Clock, long)} with {@link #DEFAULT_BUSY_TIMEOUT_MILLIS}. */
  public static ApiStore open(Path databaseFile, Clock clock) throws StoreException {
    return open(databaseFile, clock, DEFAULT_BUSY_TIMEOUT_MILLIS);
  }

  /**
   * Opens a connection to the database file and checks that the API tables exist.
   *
   * @param busyTimeoutMillis how long a write waits for another writer's lock before failing
   *     with {@link StoreUnavailableException}. UNIT: milliseconds
   * @throws StoreUnavailableException if the file cannot be opened or is not migrated
   */
  public static ApiStore open(Path databaseFile, Clock clock, long busyTimeoutMillis)
      throws StoreException {
    return open(databaseFile, null, clock, busyTimeoutMillis);
  }

  /**
   * Opens the API's tables in the agent's open database: reads on a connection of the API's
   * own, writes as units of the agent's writer.
   *
   * @param writeTimeoutMillis how long a write waits for its unit to commit before failing with
   *     {@link StoreUnavailableException}; the unit may still commit later. UNIT: milliseconds
   */
  public static ApiStore open(Database agentStore, Clock clock, long writeTimeoutMillis)
      throws StoreException {
    return open(agentStore.file(), agentStore, clock, writeTimeoutMillis);
  }

  private static ApiStore open(Path databaseFile, Database agentStore, Clock clock,
      long busyTimeoutMillis) throws StoreException {
    Connection c;
    try {
      c = DriverManager.getConnection("jdbc:sqlite:" + databaseFile.toAbsolutePath());
    } catch (SQLException e) {
      throw ApiSqlErrors.translate(e);
    }
    try (Statement s = c.createStatement()) {
      s.execute("PRAGMA busy_timeout = " + busyTimeoutMillis);
      s.execute("PRAGMA synchronous = FULL");
      s.execute("PRAGMA foreign_keys = ON");
      s.execute("SELECT 1 FROM api_tokens, event_consumers, webhooks LIMIT 0");
      c.setAutoCommit(true);
    } catch (SQLException e) {
      closeQuietly(c);
      throw new StoreUnavailableException("the database lacks the API tables (migration "
          + "V0002): " + e.getMessage(), e);
    }
    return new ApiStore(c, clock, agentStore, busyTimeoutMillis);
  }

  /** Runs {@code work} in a read transaction: every query sees one committed snapshot. */
  public synchronized <T> T read(Work<T> work) throws StoreException {
    return inTransaction("BEGIN DEFERRED", work);
  }

  /**
   * Runs {@code work} in a write transaction and commits it durably; a failure rolls all of it
   * back.
   *
   * @throws StoreUnavailableException if the lock was not free in time or the commit failed
   */
  public <T> T write(Work<T> work) throws StoreException {
    if (agentStore == null) {
      synchronized (this) {
        return inTransaction("BEGIN IMMEDIATE", work);
      }
    }
    if (closed) {
      throw new StoreUnavailableException("the API store is closed");
    }
    CompletableFuture<T> unit = agentStore.writeOnConnection(c -> {
      ApiTx tx = new ApiTx(c, clock);
      try {
        return work.run(tx);
      } finally {
        tx.close();
      }
    });
    try {
      return unit.get(writeTimeoutMillis, TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof StoreException s) {
        throw s;
      }
      throw new StoreUnavailableException("the write failed: " + e.getCause(), e.getCause());
    } catch (TimeoutException e) {
      throw new StoreUnavailableException("the write did not commit within "
          + writeTimeoutMillis + " ms");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreUnavailableException("interrupted while waiting for a write");
    }
  }

  /** The time stamped on rows. UNIT: epoch milliseconds. */
  public long now() {
    return clock.millis();
  }

  @Override
  public synchronized void close() {
    if (!closed) {
      closed = true;
      closeQuietly(conn);
    }
  }

  private <T> T inTransaction(String begin, Work<T> work) throws StoreException {
    if (closed) {
      throw new StoreUnavailableException("the API store is closed");
    }
    ApiTx tx = new ApiTx(conn, clock);
    boolean done = false;
    try {
      exec(begin);
      T result = work.run(tx);
      exec("COMMIT");
      done = true;
      return result;
    } finally {
      tx.close();
      if (!done) {
        rollbackQuietly();
      }
    }
  }

  private void exec(String sql) throws StoreException {
    try (Statement s = conn.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw ApiSqlErrors.translate(e);
    }
  }

  private void rollbackQuietly() {
    try (Statement s = conn.createStatement()) {
      s.execute("ROLLBACK");
    } catch (SQLException e) {
      // No transaction was open (BEGIN itself failed); the caller reports the first failure.
    }
  }

  private static void closeQuietly(Connection c) {
    try {
      c.close();
    } catch (SQLException e) {
      // Closing after a failure: the original error is what matters.
    }
  }
}

package io.parley.daemon.store.api;

import io.parley.daemon.store.StoreException;
import io.parley.daemon.store.StoreUnavailableException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;

/**
 * The API's connection to the agent's SQLite file ({@code parley.db}, already created and
 * migrated by {@link io.parley.daemon.store.Database#open}). Each {@link #read} and
 * {@link #write} is one transaction; a write commits with {@code synchronous=FULL} before it
 * returns, so a 2xx answered after it is durable. Thread-safe: calls are serialised on the one
 * connection (the API's writes are small and rare next to the agent's).
 */
public final class ApiStore implements AutoCloseable {
  /** How long a write waits for the agent's writer to release the lock. UNIT: milliseconds. */
  public static final int BUSY_TIMEOUT_MILLIS = 5_000;

  private final Connection conn;
  private final Clock clock;
  private boolean closed;

  private ApiStore(Connection conn, Clock clock) {
    this.conn = conn;
    this.clock = clock;
  }

  /** Work run inside one transaction. */
  @FunctionalInterface
  public interface Work<T> {
    T run(ApiTx tx) throws StoreException;
  }

  /**
   * Opens a connection to the database file and checks that the API tables exist.
   *
   * @throws StoreUnavailableException if the file cannot be opened or is not migrated
   */
  public static ApiStore open(Path databaseFile, Clock clock) throws StoreException {
    Connection c;
    try {
      c = DriverManager.getConnection("jdbc:sqlite:" + databaseFile.toAbsolutePath());
    } catch (SQLException e) {
      throw ApiSqlErrors.translate(e);
    }
    try (Statement s = c.createStatement()) {
      s.execute("PRAGMA busy_timeout = " + BUSY_TIMEOUT_MILLIS);
      s.execute("PRAGMA synchronous = FULL");
      s.execute("PRAGMA foreign_keys = ON");
      s.execute("SELECT 1 FROM api_tokens, event_consumers, webhooks LIMIT 0");
      c.setAutoCommit(true);
    } catch (SQLException e) {
      closeQuietly(c);
      throw new StoreUnavailableException("the database lacks the API tables (migration "
          + "V0002): " + e.getMessage(), e);
    }
    return new ApiStore(c, clock);
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
  public synchronized <T> T write(Work<T> work) throws StoreException {
    return inTransaction("BEGIN IMMEDIATE", work);
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

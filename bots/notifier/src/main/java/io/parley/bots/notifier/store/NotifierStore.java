package io.parley.bots.notifier.store;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The bot's own SQLite database ({@value #FILE_NAME} in the data directory, mode 0600): topic
 * subscriptions and mutes, the delivery ledger (repeat suppression and idempotency keys), the
 * firing groups awaiting their resolved message, and the alerts held back by a subscriber's rate
 * limit until their digest is queued. WAL with {@code synchronous=FULL}, so a
 * confirmed subscription survives a crash. One connection; every transaction is serialised on
 * this object, so it is thread-safe.
 */
public final class NotifierStore implements AutoCloseable {
  /** The database file's name inside the data directory. */
  public static final String FILE_NAME = "notifier.db";
  /** How long a statement waits for a lock held by another process. UNIT: milliseconds. */
  static final int BUSY_TIMEOUT_MILLIS = 5_000;
  private static final List<String> SCHEMA_V1 = List.of(
      "CREATE TABLE subscriptions (connection_id TEXT NOT NULL, topic TEXT NOT NULL,"
          + " created_ms INTEGER NOT NULL, muted_until_ms INTEGER NOT NULL DEFAULT 0,"
          + " PRIMARY KEY (connection_id, topic))",
      "CREATE INDEX subscriptions_by_topic ON subscriptions (topic)",
      "CREATE TABLE deliveries (connection_id TEXT NOT NULL, topic TEXT NOT NULL,"
          + " thread TEXT NOT NULL, text_hash TEXT NOT NULL, idempotency_key TEXT NOT NULL,"
          + " sent INTEGER NOT NULL, at_ms INTEGER NOT NULL,"
          + " PRIMARY KEY (connection_id, topic, thread))",
      "CREATE INDEX deliveries_by_time ON deliveries (at_ms)",
      "CREATE TABLE firing (topic TEXT NOT NULL, group_key TEXT NOT NULL,"
          + " headline TEXT NOT NULL, first_sent_ms INTEGER NOT NULL,"
          + " PRIMARY KEY (topic, group_key))",
      "CREATE INDEX firing_by_time ON firing (first_sent_ms)");
  /**
   * Version 2: alerts accepted (answered 2xx) but held back by the rate limit. A row lives until
   * the digest carrying it is queued with the daemon; {@code digest_key} is set once the row is
   * put in a digest, so a retried digest carries the same rows under the same idempotency key.
   */
  private static final List<String> SCHEMA_V2 = List.of(
      "CREATE TABLE held (id INTEGER PRIMARY KEY AUTOINCREMENT, connection_id TEXT NOT NULL,"
          + " topic TEXT NOT NULL, line TEXT NOT NULL, at_ms INTEGER NOT NULL,"
          + " digest_key TEXT)",
      "CREATE INDEX held_by_connection ON held (connection_id, id)");
  /** The schema this code writes. */
  static final int SCHEMA_VERSION = 2;

  private final Connection connection;

  private NotifierStore(Connection connection) {
    this.connection = connection;
  }

  /** Opens (creating if needed) {@code dataDir/}{@value #FILE_NAME} and migrates it. */
  public static NotifierStore open(Path dataDir) throws StoreException {
    Path file = dataDir.resolve(FILE_NAME);
    createPrivate(file);
    Connection c;
    try {
      c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
    } catch (SQLException e) {
      throw new StoreException("cannot open " + FILE_NAME, e);
    }
    NotifierStore store = new NotifierStore(c);
    try {
      store.configure();
    } catch (SQLException e) {
      store.close();
      throw new StoreException("cannot prepare " + FILE_NAME, e);
    }
    return store;
  }

  private static void createPrivate(Path file) throws StoreException {
    try {
      Files.createFile(file, PosixFilePermissions.asFileAttribute(
          PosixFilePermissions.fromString("rw-------")));
    } catch (FileAlreadyExistsException e) {
      return;
    } catch (UnsupportedOperationException e) {
      return; // not a POSIX file system: SQLite creates it with the platform's defaults
    } catch (IOException e) {
      throw new StoreException("cannot create " + FILE_NAME, e);
    }
  }

  private void configure() throws SQLException {
    try (Statement s = connection.createStatement()) {
      s.execute("PRAGMA journal_mode=WAL");
      s.execute("PRAGMA synchronous=FULL");
      s.execute("PRAGMA busy_timeout=" + BUSY_TIMEOUT_MILLIS);
      int version;
      try (ResultSet rs = s.executeQuery("PRAGMA user_version")) {
        version = rs.next() ? rs.getInt(1) : 0;
      }
      if (version > SCHEMA_VERSION) {
        throw new SQLException("schema version " + version + " is newer than this bot");
      }
      if (version == SCHEMA_VERSION) {
        return;
      }
      connection.setAutoCommit(false);
      try {
        if (version < 1) {
          for (String ddl : SCHEMA_V1) {
            s.execute(ddl);
          }
        }
        for (String ddl : SCHEMA_V2) {
          s.execute(ddl);
        }
        s.execute("PRAGMA user_version=" + SCHEMA_VERSION);
        connection.commit();
      } catch (SQLException e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(true);
      }
    }
  }

  /** Runs {@code work} in one transaction, committing on return and rolling back on failure. */
  synchronized <T> T transaction(String what, SqlWork<T> work) throws StoreException {
    try {
      connection.setAutoCommit(false);
      try {
        T result = work.run(connection);
        connection.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new StoreException("cannot " + what, e);
    }
  }

  /**
   * Reads the database once, for health checks.
   *
   * @throws StoreException it cannot be read
   */
  public void check() throws StoreException {
    transaction("read the database", c -> {
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT count(*) FROM sqlite_master")) {
        return rs.next();
      }
    });
  }

  @Override
  public synchronized void close() {
    try {
      connection.close();
    } catch (SQLException e) {
      System.getLogger(NotifierStore.class.getName()).log(System.Logger.Level.WARNING,
          "closing " + FILE_NAME + " failed: " + e.getMessage());
    }
  }
}

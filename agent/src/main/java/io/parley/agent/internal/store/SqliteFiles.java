package io.parley.agent.internal.store;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;

/**
 * Creates the database file owner-only and opens connections to it with the pragmas each role
 * needs. SQLite gives the {@code -wal} and {@code -shm} files the database file's permissions, so
 * creating the file 0600 before SQLite touches it keeps every file holding keys private.
 */
final class SqliteFiles {
  private static final Set<PosixFilePermission> OWNER_FILE =
      PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> OWNER_DIR =
      PosixFilePermissions.fromString("rwx------");
  private static final boolean POSIX =
      FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

  private SqliteFiles() {}

  /**
   * Creates the data directory (0700) and an empty database file (0600) if they are missing; an
   * empty file is a valid empty SQLite database.
   */
  static void createIfMissing(Path file) throws StoreException {
    try {
      Path dir = file.toAbsolutePath().getParent();
      if (!Files.isDirectory(dir)) {
        Files.createDirectories(dir, attributes(OWNER_DIR));
      }
      Files.createFile(file, attributes(OWNER_FILE));
      restrictToOwner(file);
    } catch (FileAlreadyExistsException e) {
      // An existing database: opened as it is, permissions are tightened after the version check.
    } catch (IOException e) {
      throw new StoreUnavailableException("cannot create the database file: " + e.getMessage(), e);
    }
  }

  /** Sets 0600 (a umask may have removed bits, an older file may be wider); no-op off POSIX. */
  static void restrictToOwner(Path file) throws StoreException {
    if (!POSIX) {
      return;
    }
    try {
      Files.setPosixFilePermissions(file, OWNER_FILE);
    } catch (IOException e) {
      throw new StoreUnavailableException("cannot restrict the database file's permissions: "
          + e.getMessage(), e);
    }
  }

  /** A connection with SQLite's defaults: nothing is written by opening it. */
  static Connection open(Path file) throws StoreException {
    try {
      return DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
    } catch (SQLException e) {
      throw SqlErrors.translate(e);
    }
  }

  /**
   * The writer: WAL (readers never block it), synchronous=FULL (a commit survives power loss,
   * since it backs an ACK to a relay), foreign keys, {@link #HOT_PATH_SECURE_DELETE} (deleted
   * keys are overwritten), and temporary storage in memory: every write unit runs in a savepoint, whose statement
   * journal (old page images, keys among them) would otherwise be written to a file in the
   * system's temp directory, the largest write stream of the whole daemon.
   */
  /**
   * The writer's secure_delete mode. FAST zeroes deleted content on every page a change writes
   * anyway, so the old ratchet state an update replaces and a sent payload leave no trace; ON
   * also overwrites pages that become free, which on the message path (payloads deleted, rows
   * rewritten) cost one more written page per commit and about a tenth of the daemon's CPU per
   * message in AgentBench. Deleting a connection, which frees whole pages of it, switches to
   * ON ({@link ConnectionStore#delete}).
   */
  static final String HOT_PATH_SECURE_DELETE = "FAST";

  static void configureWriter(Connection c, int busyTimeoutMillis) throws StoreException {
    String mode = queryString(c, "PRAGMA journal_mode = WAL");
    if (!"wal".equalsIgnoreCase(mode)) {
      throw new StoreUnavailableException("the database refused WAL mode (" + mode + ")");
    }
    exec(c, "PRAGMA synchronous = FULL");
    exec(c, "PRAGMA foreign_keys = ON");
    exec(c, "PRAGMA secure_delete = " + HOT_PATH_SECURE_DELETE);
    exec(c, "PRAGMA temp_store = MEMORY");
    exec(c, "PRAGMA wal_autocheckpoint = " + Checkpointer.WRITER_BACKSTOP_PAGES);
    exec(c, "PRAGMA busy_timeout = " + busyTimeoutMillis);
  }

  /** The background checkpointer: syncs what it copies like the writer does. */
  static void configureCheckpointer(Connection c, int busyTimeoutMillis) throws StoreException {
    exec(c, "PRAGMA synchronous = FULL");
    exec(c, "PRAGMA busy_timeout = " + busyTimeoutMillis);
  }

  /** A reader: refuses writes, so a write method called in a read fails instead of racing. */
  static void configureReader(Connection c, int busyTimeoutMillis) throws StoreException {
    exec(c, "PRAGMA query_only = ON");
    exec(c, "PRAGMA busy_timeout = " + busyTimeoutMillis);
  }

  static int userVersion(Connection c) throws StoreException {
    return Integer.parseInt(queryString(c, "PRAGMA user_version"));
  }

  static void exec(Connection c, String sql) throws StoreException {
    try (Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw SqlErrors.translate(e);
    }
  }

  /**
   * Runs a script of several statements. sqlite-jdbc's {@code executeUpdate} hands the text to
   * sqlite3_exec, which runs every statement; {@code execute} would run only the first.
   */
  static void execScript(Connection c, String script) throws StoreException {
    try (Statement s = c.createStatement()) {
      s.executeUpdate(script);
    } catch (SQLException e) {
      throw SqlErrors.translate(e);
    }
  }

  static String queryString(Connection c, String sql) throws StoreException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      if (!rs.next()) {
        throw new StoreException("no result from " + sql);
      }
      return rs.getString(1);
    } catch (SQLException e) {
      throw SqlErrors.translate(e);
    }
  }

  /** Closes without throwing: used on paths that already report a failure. */
  static void closeQuietly(Connection c) {
    if (c == null) {
      return;
    }
    try {
      c.close();
    } catch (SQLException e) {
      // Nothing more to do; the original failure is what the caller reports.
    }
  }

  private static FileAttribute<?>[] attributes(Set<PosixFilePermission> perms) {
    return POSIX
        ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(perms)}
        : new FileAttribute<?>[0];
  }
}

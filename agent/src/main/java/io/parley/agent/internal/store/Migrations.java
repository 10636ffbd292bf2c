package io.parley.agent.internal.store;

import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.sql.SQLException;
import java.sql.ResultSet;
import java.util.List;

/**
 * The schema migrations, SQL resources {@code migrations/V0001__name.sql}, ... next to this
 * class, applied in order. The schema version is {@code PRAGMA user_version}: the number of
 * migrations applied. A new migration is appended to {@link #FILES}; released files never change.
 */
final class Migrations {
  /** Every migration in order; the n-th (1-based) must be named {@code V000n__*.sql}. */
  static final List<String> FILES =
      List.of("V0001__init.sql", "V0002__history_indexes.sql", "V0003__lean_outbox.sql",
          "V0004__lean_receive.sql", "V0005__profiles.sql", "V0006__relays.sql",
          "V0007__queue_rotation.sql", "V0008__rekey.sql", "V0009__profile_commands.sql");
  /** The schema version this build creates and understands. */
  static final int LATEST_VERSION = FILES.size();

  private static final String RESOURCE_DIR = "migrations/";
  private static final System.Logger LOG = System.getLogger(Migrations.class.getName());

  private Migrations() {}

  /**
   * Fails with {@link DatabaseTooNewException} if {@code version} is newer than this build.
   */
  static void checkNotTooNew(int version) throws DatabaseTooNewException {
    if (version > LATEST_VERSION) {
      throw new DatabaseTooNewException(version, LATEST_VERSION);
    }
  }

  /**
   * Brings the database to {@link #LATEST_VERSION}: all pending migrations and the new
   * {@code user_version} commit in one transaction, so a failure leaves the previous version
   * intact. Returns the version the database had before.
   */
  static int migrate(Connection c) throws StoreException {
    // A migration may rebuild a table, and dropping the old one must not cascade into the rows
    // that reference it. The pragma is ignored inside a transaction, so it is set around it;
    // foreign_key_check below proves the result consistent before it commits.
    SqliteFiles.exec(c, "PRAGMA foreign_keys = OFF");
    try {
      return migrateLocked(c);
    } finally {
      SqliteFiles.exec(c, "PRAGMA foreign_keys = ON");
    }
  }

  private static int migrateLocked(Connection c) throws StoreException {
    // IMMEDIATE takes the write lock before the version is read: no other process can migrate
    // between the check and the change.
    SqliteFiles.exec(c, "BEGIN IMMEDIATE");
    boolean committed = false;
    try {
      int from = SqliteFiles.userVersion(c);
      checkNotTooNew(from);
      for (int v = from + 1; v <= LATEST_VERSION; v++) {
        String name = FILES.get(v - 1);
        try {
          SqliteFiles.execScript(c, load(name));
        } catch (StoreException e) {
          throw new StoreException("migration " + name + " failed: " + e.getMessage(), e);
        }
      }
      if (from != LATEST_VERSION) {
        checkForeignKeys(c);
        SqliteFiles.exec(c, "PRAGMA user_version = " + LATEST_VERSION);
      }
      SqliteFiles.exec(c, "COMMIT");
      committed = true;
      if (from != LATEST_VERSION) {
        LOG.log(Level.INFO, "database schema migrated from version {0} to {1}", from,
            LATEST_VERSION);
      }
      return from;
    } finally {
      if (!committed) {
        rollbackQuietly(c);
      }
    }
  }

  /** The text of one migration resource. */
  static String load(String name) throws StoreException {
    try (InputStream in = Migrations.class.getResourceAsStream(RESOURCE_DIR + name)) {
      if (in == null) {
        throw new StoreException("migration resource missing: " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new StoreException("cannot read migration " + name, e);
    }
  }

  /** Fails the migration if any row references a row that does not exist. */
  private static void checkForeignKeys(Connection c) throws StoreException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("PRAGMA foreign_key_check")) {
      if (rs.next()) {
        throw new StoreException("migration left a dangling reference in table "
            + rs.getString(1));
      }
    } catch (SQLException e) {
      throw SqlErrors.translate(e);
    }
  }

  private static void rollbackQuietly(Connection c) {
    try {
      SqliteFiles.exec(c, "ROLLBACK");
    } catch (StoreException e) {
      // The transaction may already be gone; the caller reports the original failure.
    }
  }
}

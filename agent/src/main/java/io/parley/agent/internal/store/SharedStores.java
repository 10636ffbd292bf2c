package io.parley.agent.internal.store;

import io.parley.agent.store.SchemaExtension;
import io.parley.agent.store.SharedStore;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;

/**
 * Host programs' tables in the agent's {@link Database}: {@link #extend} brings an extension's
 * tables to its latest version, then hands out a {@link SharedStore} whose writes are units of
 * the agent's writer. An extension's version is kept in {@code schema_extensions}, apart from
 * the agent's own {@code user_version}, so the agent's migrations and each host's never
 * renumber one another.
 */
public final class SharedStores {
  private static final String CREATE_VERSIONS = "CREATE TABLE IF NOT EXISTS schema_extensions ("
      + "name TEXT PRIMARY KEY, version INTEGER NOT NULL CHECK (version >= 0)) STRICT";
  private static final System.Logger LOG = System.getLogger(SharedStores.class.getName());

  private SharedStores() {}

  /**
   * Applies the extension's pending migrations and their new version as one write unit: a
   * failure leaves the previous version intact.
   *
   * @throws io.parley.agent.store.StoreException if a migration fails, or the file holds a
   *     newer version of the extension than {@code extension} knows
   */
  public static SharedStore extend(Database db, SchemaExtension extension)
      throws io.parley.agent.store.StoreException {
    CompletableFuture<int[]> migrated = db.writeOnConnection(c -> migrate(c, extension));
    int[] fromTo;
    try {
      fromTo = migrated.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new io.parley.agent.store.StoreUnavailableException("interrupted while migrating");
    } catch (Exception e) {
      throw HostErrors.toHost(e);
    }
    if (fromTo[0] != fromTo[1]) {
      LOG.log(System.Logger.Level.INFO, "schema extension {0} migrated from version {1} to {2}",
          extension.name(), fromTo[0], fromTo[1]);
    }
    return new Shared(db);
  }

  private static int[] migrate(Connection c, SchemaExtension ext) throws Exception {
    SqliteFiles.exec(c, CREATE_VERSIONS);
    int from = 0;
    try (PreparedStatement ps =
        c.prepareStatement("SELECT version FROM schema_extensions WHERE name = ?")) {
      ps.setString(1, ext.name());
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next()) {
          from = rs.getInt(1);
        }
      }
    }
    int latest = ext.latestVersion();
    if (from > latest) {
      throw new io.parley.agent.store.StoreException("the tables of " + ext.name()
          + " are at version " + from + ", newer than this build's " + latest);
    }
    for (int v = from + 1; v <= latest; v++) {
      SchemaExtension.Migration m = ext.migrations().get(v - 1);
      try {
        SqliteFiles.execScript(c, m.sql());
      } catch (StoreException e) {
        throw new StoreException("migration " + m.name() + " of " + ext.name() + " failed: "
            + e.getMessage(), e);
      }
    }
    if (from != latest) {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO schema_extensions"
          + " (name, version) VALUES (?, ?)"
          + " ON CONFLICT (name) DO UPDATE SET version = excluded.version")) {
        ps.setString(1, ext.name());
        ps.setInt(2, latest);
        ps.executeUpdate();
      }
    }
    return new int[] {from, latest};
  }

  private record Shared(Database db) implements SharedStore {
    @Override
    public <T> T read(SqlWork<T> work) throws io.parley.agent.store.StoreException {
      try {
        return db.read(tx -> {
          try {
            return work.run(tx.sql().connection());
          } catch (SQLException e) {
            throw SqlErrors.translate(e);
          } catch (io.parley.agent.store.StoreException e) {
            throw new HostErrors.Tunnel(e);
          }
        });
      } catch (StoreException e) {
        throw HostErrors.toHost(e);
      }
    }

    @Override
    public <T> CompletableFuture<T> write(SqlWork<T> work) {
      return db.writeOnConnection(work::run).exceptionallyCompose(
          e -> CompletableFuture.failedFuture(HostErrors.toHost(e)));
    }

    @Override
    public String newId() {
      return StoreIds.newId();
    }

    @Override
    public Path file() {
      return db.file();
    }
  }
}

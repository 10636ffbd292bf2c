package io.parley.agent.internal.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The agent's profiles ({@code profiles}). Obtained from {@link StoreTx}; not thread-safe.
 */
public final class ProfileStore {
  private static final String TABLE = "profiles";
  private static final String COLUMNS = "id, name, description, commands, status, created_at,"
      + " updated_at";

  private final Sql sql;
  private final Clock clock;

  ProfileStore(Sql sql, Clock clock) {
    this.sql = sql;
    this.clock = clock;
  }

  public void insert(ProfileRow r) throws StoreException {
    sql.update("INSERT INTO profiles (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)", r.id(),
        r.name(), r.description(), r.commands(), r.deleting() ? "deleting" : "active", r.createdAt(),
        r.updatedAt());
  }

  /** Every profile, those being deleted included, oldest first (the default one first). */
  public List<ProfileRow> list() throws StoreException {
    return sql.list("SELECT " + COLUMNS + " FROM profiles ORDER BY id <> 'default', created_at,"
        + " id", ProfileStore::map);
  }

  public Optional<ProfileRow> find(String id) throws StoreException {
    return sql.one("SELECT " + COLUMNS + " FROM profiles WHERE id = ?", ProfileStore::map, id);
  }

  /**
   * Sets the command list (wire form, null for none); {@link RowNotFoundException} if there is
   * no such profile.
   */
  public void setCommands(String id, String commands) throws StoreException {
    if (sql.update("UPDATE profiles SET commands = ?, updated_at = ?"
        + " WHERE id = ? AND status = 'active'", commands, clock.millis(), id) != 1) {
      throw new RowNotFoundException(TABLE);
    }
  }

  /** Sets name and description; {@link RowNotFoundException} if there is no such profile. */
  public void update(String id, String name, String description) throws StoreException {
    if (sql.update("UPDATE profiles SET name = ?, description = ?, updated_at = ?"
        + " WHERE id = ? AND status = 'active'", name, description, clock.millis(), id) != 1) {
      throw new RowNotFoundException(TABLE);
    }
  }

  /** Starts a deletion; false if the profile is missing or already being deleted. */
  public boolean markDeleting(String id) throws StoreException {
    return sql.update("UPDATE profiles SET status = 'deleting', updated_at = ?"
        + " WHERE id = ? AND status = 'active'", clock.millis(), id) == 1;
  }

  /**
   * Removes a profile being deleted once nothing refers to it any more (its connections,
   * address and requests are gone); returns whether it went.
   */
  public boolean deleteIfEmpty(String id) throws StoreException {
    return sql.update("DELETE FROM profiles WHERE id = ? AND status = 'deleting'"
        + " AND NOT EXISTS (SELECT 1 FROM connections WHERE profile_id = ?)"
        + " AND NOT EXISTS (SELECT 1 FROM contact_address WHERE profile_id = ?)"
        + " AND NOT EXISTS (SELECT 1 FROM contact_requests WHERE profile_id = ?)",
        id, id, id, id) == 1;
  }

  private static ProfileRow map(ResultSet rs) throws SQLException {
    return new ProfileRow(rs.getString("id"), rs.getString("name"),
        rs.getString("description"), rs.getString("commands"), "deleting".equals(rs.getString("status")),
        rs.getLong("created_at"), rs.getLong("updated_at"));
  }
}

package io.parley.agent.internal.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The contact addresses ({@code contact_address}, at most one per profile) and the requests
 * they receive ({@code contact_requests}). Obtained from {@link StoreTx}; not thread-safe.
 */
public final class ContactStore {
  private static final String ADDRESS_TABLE = "contact_address";
  private static final String REQUEST_TABLE = "contact_requests";
  private static final String REQUEST_COLUMNS = "id, invitation, profile, status,"
      + " connection_id, created_at, updated_at, profile_id";

  private final Sql sql;
  private final Clock clock;

  ContactStore(Sql sql, Clock clock) {
    this.sql = sql;
    this.clock = clock;
  }

  private static final String ADDRESS_COLUMNS = "profile_id, rcv_queue_id, link, auto_accept,"
      + " welcome, created_at, updated_at";

  /** Every profile's address. */
  public List<ContactAddressRow> addresses() throws StoreException {
    return sql.list("SELECT " + ADDRESS_COLUMNS + " FROM contact_address",
        ContactStore::mapAddress);
  }

  /** The profile's address, if one was created. */
  public Optional<ContactAddressRow> address(String profileId) throws StoreException {
    return sql.one("SELECT " + ADDRESS_COLUMNS + " FROM contact_address WHERE profile_id = ?",
        ContactStore::mapAddress, profileId);
  }

  /** Creates the address; fails with {@link StoreException} if the profile has one already. */
  public void createAddress(ContactAddressRow r) throws StoreException {
    sql.update("INSERT INTO contact_address (" + ADDRESS_COLUMNS + ")"
        + " VALUES (?, ?, ?, ?, ?, ?, ?)", r.profileId(),
        r.rcvQueueId(), r.link(), r.autoAccept(), r.welcome(), r.createdAt(), r.updatedAt());
  }

  /** Changes how requests are handled; {@link RowNotFoundException} if there is no address. */
  public void updateAddressSettings(String profileId, boolean autoAccept, String welcome)
      throws StoreException {
    int changed = sql.update("UPDATE contact_address SET auto_accept = ?, welcome = ?,"
        + " updated_at = ? WHERE profile_id = ?", autoAccept, welcome, clock.millis(),
        profileId);
    if (changed != 1) {
      throw new RowNotFoundException(ADDRESS_TABLE);
    }
  }

  /** Removes the address row (its queue is deleted separately); returns whether it existed. */
  public boolean deleteAddress(String profileId) throws StoreException {
    return sql.update("DELETE FROM contact_address WHERE profile_id = ?", profileId) == 1;
  }

  /** Removes every request a profile received (its deletion). */
  public int deleteRequests(String profileId) throws StoreException {
    return sql.update("DELETE FROM contact_requests WHERE profile_id = ?", profileId);
  }

  private static ContactAddressRow mapAddress(ResultSet rs) throws SQLException {
    return new ContactAddressRow(
        rs.getString("profile_id"),
        rs.getLong("rcv_queue_id"),
        rs.getString("link"),
        Sql.bool(rs, "auto_accept"),
        rs.getString("welcome"),
        rs.getLong("created_at"),
        rs.getLong("updated_at"));
  }

  public void insertRequest(ContactRequestRow r) throws StoreException {
    sql.update("INSERT INTO contact_requests (" + REQUEST_COLUMNS + ")"
        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", r.id(), r.invitation(), r.profile(), r.status(),
        r.connectionId(), r.createdAt(), r.updatedAt(), r.profileId());
  }

  public ContactRequestRow getRequest(String id) throws StoreException {
    return sql.one("SELECT " + REQUEST_COLUMNS + " FROM contact_requests WHERE id = ?",
        ContactStore::mapRequest, id).orElseThrow(() -> new RowNotFoundException(REQUEST_TABLE));
  }

  /** A profile's requests waiting for a decision, oldest first. */
  public List<ContactRequestRow> pendingRequests(String profileId) throws StoreException {
    return sql.list("SELECT " + REQUEST_COLUMNS + " FROM contact_requests"
        + " WHERE status = 'pending' AND profile_id = ? ORDER BY created_at, id",
        ContactStore::mapRequest, profileId);
  }

  /**
   * pending -> accepted (with the new connection) or rejected (connection null). Returns false,
   * changing nothing, if the request is missing or was already decided.
   */
  public boolean resolveRequest(String id, ContactRequestStatus status, String connectionId)
      throws StoreException {
    return sql.update("UPDATE contact_requests SET status = ?, connection_id = ?,"
        + " updated_at = ? WHERE id = ? AND status = 'pending'",
        status, connectionId, clock.millis(), id) == 1;
  }

  private static ContactRequestRow mapRequest(ResultSet rs) throws SQLException, StoreException {
    return new ContactRequestRow(
        rs.getString("id"),
        rs.getString("invitation"),
        rs.getString("profile"),
        Sql.enumColumn(rs, "status", ContactRequestStatus.class),
        rs.getString("connection_id"),
        rs.getLong("created_at"),
        rs.getLong("updated_at"),
        rs.getString("profile_id"));
  }
}

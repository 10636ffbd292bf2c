package io.parley.daemon.store.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.agent.store.StoreException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** The {@code webhooks} table. Obtained from {@link ApiTx}; not thread-safe. */
public final class WebhookRepository {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};
  private static final String COLUMNS = "id, url, types, secret, cursor, attempts, last_error,"
      + " last_error_at, last_success_at, created_at, profile_id";

  private final Statements sql;
  private final Clock clock;

  WebhookRepository(Statements sql, Clock clock) {
    this.sql = sql;
    this.clock = clock;
  }

  /** Stores a new webhook starting after event {@code cursor} and returns it. */
  public WebhookRow insert(String id, String profileId, String url, List<String> typesOrNull,
      byte[] secret, long cursor) throws StoreException {
    long now = clock.millis();
    String types;
    try {
      types = typesOrNull == null ? null : JSON.writeValueAsString(typesOrNull);
    } catch (JsonProcessingException e) {
      throw new StoreException("webhook types are not serializable", e);
    }
    sql.update("INSERT INTO webhooks (id, url, types, secret, cursor, created_at, updated_at,"
        + " profile_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", id, url, types, secret, cursor, now,
        now, profileId);
    return new WebhookRow(id, url, typesOrNull, secret.clone(), cursor, 0, null, null, null,
        now, profileId);
  }

  public Optional<WebhookRow> find(String id) throws StoreException {
    return sql.one("SELECT " + COLUMNS + " FROM webhooks WHERE id = ?", WebhookRepository::row,
        id);
  }

  /** Every webhook, oldest first. */
  public List<WebhookRow> list() throws StoreException {
    return sql.list("SELECT " + COLUMNS + " FROM webhooks ORDER BY created_at, id",
        WebhookRepository::row);
  }

  /**
   * Moves the cursor forward to {@code cursor} after a 2xx (stamping the success) or past events
   * the webhook does not want ({@code delivered} false); clears the failure count. Returns
   * false if the webhook is gone.
   */
  public boolean advance(String id, long cursor, boolean delivered) throws StoreException {
    long now = clock.millis();
    return sql.update("UPDATE webhooks SET cursor = max(cursor, ?), attempts = 0,"
        + " last_success_at = CASE WHEN ? THEN ? ELSE last_success_at END, updated_at = ?"
        + " WHERE id = ?", cursor, delivered, now, now, id) > 0;
  }

  /** Counts a failed attempt and remembers why; false if the webhook is gone. */
  public boolean recordFailure(String id, String error) throws StoreException {
    long now = clock.millis();
    return sql.update("UPDATE webhooks SET attempts = attempts + 1, last_error = ?,"
        + " last_error_at = ?, updated_at = ? WHERE id = ?", error, now, now, id) > 0;
  }

  /** The ids of a profile's webhooks. */
  public List<String> idsOfProfile(String profileId) throws StoreException {
    return sql.list("SELECT id FROM webhooks WHERE profile_id = ?", rs -> rs.getString(1),
        profileId);
  }

  /** Deletes every webhook of a profile (its deletion). */
  public int deleteOfProfile(String profileId) throws StoreException {
    return sql.update("DELETE FROM webhooks WHERE profile_id = ?", profileId);
  }

  /** Deletes a webhook; false if there was none. */
  public boolean delete(String id) throws StoreException {
    return sql.update("DELETE FROM webhooks WHERE id = ?", id) > 0;
  }

  private static WebhookRow row(ResultSet rs) throws SQLException {
    String types = rs.getString("types");
    List<String> parsed;
    try {
      parsed = types == null ? null : JSON.readValue(types, STRINGS);
    } catch (JsonProcessingException e) {
      throw new SQLException("webhooks.types is not a JSON array of strings", e);
    }
    return new WebhookRow(rs.getString("id"), rs.getString("url"), parsed,
        rs.getBytes("secret"), rs.getLong("cursor"), rs.getInt("attempts"),
        rs.getString("last_error"), nullableLong(rs, "last_error_at"),
        nullableLong(rs, "last_success_at"), rs.getLong("created_at"),
        rs.getString("profile_id"));
  }

  private static Long nullableLong(ResultSet rs, String column) throws SQLException {
    long v = rs.getLong(column);
    return rs.wasNull() ? null : v;
  }
}

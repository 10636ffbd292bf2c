package io.parley.daemon.store.api;

import io.parley.agent.store.StoreException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;

/** The {@code api_tokens} table. Obtained from {@link ApiTx}; not thread-safe. */
public final class TokenRepository {
  private final Statements sql;
  private final Clock clock;

  TokenRepository(Statements sql, Clock clock) {
    this.sql = sql;
    this.clock = clock;
  }

  /** Stores a new token's hash, stamped with the store clock, and returns the row. */
  public TokenRow insert(String id, String profileId, String name, TokenScope scope,
      byte[] tokenHash) throws StoreException {
    long now = clock.millis();
    sql.update("INSERT INTO api_tokens (id, name, scope, token_hash, created_at, profile_id)"
        + " VALUES (?, ?, ?, ?, ?, ?)", id, name, scope.label(), tokenHash, now, profileId);
    return new TokenRow(id, name, scope, tokenHash.clone(), now, profileId);
  }

  /** Every token, oldest first. */
  public List<TokenRow> list() throws StoreException {
    return sql.list("SELECT id, name, scope, token_hash, created_at, profile_id FROM api_tokens"
        + " ORDER BY created_at, id", TokenRepository::row);
  }

  /** Deletes a token of the profile; false if the profile has none with that id. */
  public boolean delete(String id, String profileId) throws StoreException {
    return sql.update("DELETE FROM api_tokens WHERE id = ? AND profile_id = ?", id,
        profileId) > 0;
  }

  /** Deletes every token of a profile (its deletion). */
  public int deleteOfProfile(String profileId) throws StoreException {
    return sql.update("DELETE FROM api_tokens WHERE profile_id = ?", profileId);
  }

  private static TokenRow row(ResultSet rs) throws SQLException {
    TokenScope scope = TokenScope.parse(rs.getString("scope")).orElse(TokenScope.SEND);
    return new TokenRow(rs.getString("id"), rs.getString("name"), scope,
        rs.getBytes("token_hash"), rs.getLong("created_at"), rs.getString("profile_id"));
  }
}

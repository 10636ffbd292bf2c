package io.parley.bots.notifier.store;

import io.parley.bots.notifier.format.FiringRef;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Optional;

/**
 * Alert groups that fired on a topic and have not resolved yet: their latest headline and when
 * they first fired, so the resolved message can name them. Keyed by the sender's group key.
 * Thread-safe.
 */
public final class FiringLedger {
  private final NotifierStore store;

  public FiringLedger(NotifierStore store) {
    this.store = store;
  }

  /** Records a firing message; a group already firing keeps its first time. */
  public void remember(String topic, String groupKey, String headline, Instant now)
      throws StoreException {
    store.transaction("record a firing group", c -> {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO firing (topic, group_key,"
          + " headline, first_sent_ms) VALUES (?, ?, ?, ?) ON CONFLICT (topic, group_key)"
          + " DO UPDATE SET headline = excluded.headline")) {
        ps.setString(1, topic);
        ps.setString(2, groupKey);
        ps.setString(3, headline);
        ps.setLong(4, now.toEpochMilli());
        return ps.executeUpdate();
      }
    });
  }

  /** The firing message of a group, if it is still open. */
  public Optional<FiringRef> find(String topic, String groupKey) throws StoreException {
    return store.transaction("read a firing group", c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT headline, first_sent_ms FROM firing"
          + " WHERE topic = ? AND group_key = ?")) {
        ps.setString(1, topic);
        ps.setString(2, groupKey);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next()
              ? Optional.of(new FiringRef(rs.getString(1), Instant.ofEpochMilli(rs.getLong(2))))
              : Optional.<FiringRef>empty();
        }
      }
    });
  }

  /** Closes a group once its resolved message went out. */
  public void forget(String topic, String groupKey) throws StoreException {
    store.transaction("close a firing group", c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "DELETE FROM firing WHERE topic = ? AND group_key = ?")) {
        ps.setString(1, topic);
        ps.setString(2, groupKey);
        return ps.executeUpdate();
      }
    });
  }

  /** Drops groups that first fired before {@code before} and never resolved. */
  public int prune(Instant before) throws StoreException {
    return store.transaction("prune firing groups", c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "DELETE FROM firing WHERE first_sent_ms < ?")) {
        ps.setLong(1, before.toEpochMilli());
        return ps.executeUpdate();
      }
    });
  }
}

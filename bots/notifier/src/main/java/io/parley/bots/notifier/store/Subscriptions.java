package io.parley.bots.notifier.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Which connections want which topics, and until when each is muted. Persistent: a confirmed
 * change is committed before the method returns. Thread-safe.
 */
public final class Subscriptions {
  /** Most topics one subscriber may follow. */
  public static final int MAX_TOPICS_PER_SUBSCRIBER = 50;

  /** What {@link #add} did. */
  public enum AddResult {
    /** The subscription is new. */
    ADDED,
    /** The connection already had it. */
    ALREADY,
    /** The connection follows {@link #MAX_TOPICS_PER_SUBSCRIBER} topics already. */
    LIMIT_REACHED
  }

  private final NotifierStore store;

  public Subscriptions(NotifierStore store) {
    this.store = store;
  }

  /** Subscribes {@code connectionId} to {@code topic} (a canonical name). */
  public AddResult add(String connectionId, String topic, Instant now) throws StoreException {
    return store.transaction("save the subscription", c -> {
      List<Subscription> current = of(c, connectionId);
      if (current.stream().anyMatch(s -> s.topic().equals(topic))) {
        return AddResult.ALREADY;
      }
      if (current.size() >= MAX_TOPICS_PER_SUBSCRIBER) {
        return AddResult.LIMIT_REACHED;
      }
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO subscriptions (connection_id, topic, created_ms) VALUES (?, ?, ?)")) {
        ps.setString(1, connectionId);
        ps.setString(2, topic);
        ps.setLong(3, now.toEpochMilli());
        ps.executeUpdate();
      }
      return AddResult.ADDED;
    });
  }

  /** Ends one subscription; false if there was none. */
  public boolean remove(String connectionId, String topic) throws StoreException {
    return store.transaction("remove the subscription", c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "DELETE FROM subscriptions WHERE connection_id = ? AND topic = ?")) {
        ps.setString(1, connectionId);
        ps.setString(2, topic);
        return ps.executeUpdate() > 0;
      }
    });
  }

  /** Ends every subscription of a connection (it was deleted); returns how many. */
  public int removeAll(String connectionId) throws StoreException {
    return store.transaction("remove the subscriptions", c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "DELETE FROM subscriptions WHERE connection_id = ?")) {
        ps.setString(1, connectionId);
        return ps.executeUpdate();
      }
    });
  }

  /** A connection's subscriptions, by topic name. */
  public List<Subscription> of(String connectionId) throws StoreException {
    return store.transaction("read the subscriptions", c -> of(c, connectionId));
  }

  /** A topic's subscribers, oldest subscription first. */
  public List<Subscription> subscribers(String topic) throws StoreException {
    return store.transaction("read the subscribers", c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT connection_id, topic,"
          + " muted_until_ms FROM subscriptions WHERE topic = ? ORDER BY created_ms, rowid")) {
        ps.setString(1, topic);
        return read(ps);
      }
    });
  }

  /**
   * Mutes one topic, or all of a connection's topics when {@code topic} is null, until
   * {@code until} ({@link Instant#EPOCH} unmutes). Returns the topics changed.
   */
  public List<String> mute(String connectionId, String topic, Instant until)
      throws StoreException {
    return store.transaction("save the mute", c -> {
      List<String> changed = new ArrayList<>();
      for (Subscription s : of(c, connectionId)) {
        if (topic == null || s.topic().equals(topic)) {
          changed.add(s.topic());
        }
      }
      try (PreparedStatement ps = c.prepareStatement("UPDATE subscriptions SET muted_until_ms = ?"
          + " WHERE connection_id = ? AND (? IS NULL OR topic = ?)")) {
        ps.setLong(1, until.toEpochMilli());
        ps.setString(2, connectionId);
        ps.setString(3, topic);
        ps.setString(4, topic);
        ps.executeUpdate();
      }
      return changed;
    });
  }

  private static List<Subscription> of(Connection c, String connectionId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT connection_id, topic, muted_until_ms"
        + " FROM subscriptions WHERE connection_id = ? ORDER BY topic")) {
      ps.setString(1, connectionId);
      return read(ps);
    }
  }

  private static List<Subscription> read(PreparedStatement ps) throws SQLException {
    List<Subscription> out = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(new Subscription(rs.getString(1), rs.getString(2),
            Instant.ofEpochMilli(rs.getLong(3))));
      }
    }
    return out;
  }
}

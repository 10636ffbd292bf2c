package io.parley.bots.notifier.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Alerts the receiver accepted for a subscriber but held back by its rate limit, one digest
 * line each, kept until a digest carrying them is queued with the daemon. They are in the
 * database because the sender already got its 2xx: a restart must not lose them. Thread-safe.
 */
public final class HeldAlerts {
  /**
   * Most alerts held for one subscriber. Past it a new alert is refused (the sender gets a 503
   * and retries) rather than letting one unreachable subscriber grow the database without
   * bound.
   */
  public static final int MAX_HELD_PER_SUBSCRIBER = 10_000;

  /** One held alert. */
  public record Held(long id, String topic, String line, Instant at, String digestKey) {}

  private final NotifierStore store;
  private final int maxPerSubscriber;

  public HeldAlerts(NotifierStore store) {
    this(store, MAX_HELD_PER_SUBSCRIBER);
  }

  /** With another limit than {@link #MAX_HELD_PER_SUBSCRIBER}, for tests. */
  public HeldAlerts(NotifierStore store, int maxPerSubscriber) {
    if (maxPerSubscriber < 1) {
      throw new IllegalArgumentException("maxPerSubscriber must be positive");
    }
    this.store = store;
    this.maxPerSubscriber = maxPerSubscriber;
  }

  /** Most alerts held for one subscriber. */
  public int maxPerSubscriber() {
    return maxPerSubscriber;
  }

  /** Stands for the idempotency key of a held delivery, which is never sent by itself. */
  static final String HELD_KEY = "held";

  /**
   * Holds a digest line for a subscriber and, in the same transaction, records the delivery of
   * the text with hash {@code textHash} on its thread as done, so a repeat within the window is
   * suppressed as for a sent message.
   *
   * @return false, holding nothing, when the subscriber already has
   *     {@link #maxPerSubscriber()} alerts held
   */
  public boolean hold(String connectionId, String topic, String thread, String textHash,
      String line, Instant now) throws StoreException {
    return store.transaction("hold an alert", c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT COUNT(*) FROM held WHERE connection_id = ?")) {
        ps.setString(1, connectionId);
        try (ResultSet rs = ps.executeQuery()) {
          if (rs.next() && rs.getInt(1) >= maxPerSubscriber) {
            return false;
          }
        }
      }
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO held (connection_id, topic,"
          + " line, at_ms) VALUES (?, ?, ?, ?)")) {
        ps.setString(1, connectionId);
        ps.setString(2, topic);
        ps.setString(3, line);
        ps.setLong(4, now.toEpochMilli());
        ps.executeUpdate();
      }
      try (PreparedStatement ps = c.prepareStatement("INSERT OR REPLACE INTO deliveries"
          + " (connection_id, topic, thread, text_hash, idempotency_key, sent, at_ms)"
          + " VALUES (?, ?, ?, ?, ?, 1, ?)")) {
        ps.setString(1, connectionId);
        ps.setString(2, topic);
        ps.setString(3, thread);
        ps.setString(4, textHash);
        ps.setString(5, HELD_KEY);
        ps.setLong(6, now.toEpochMilli());
        ps.executeUpdate();
      }
      return true;
    });
  }

  /** Whether anything is held for {@code connectionId}. */
  public boolean any(String connectionId) throws StoreException {
    return store.transaction("read held alerts", c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT 1 FROM held WHERE connection_id = ? LIMIT 1")) {
        ps.setString(1, connectionId);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next();
        }
      }
    });
  }

  /** The subscribers with held alerts, the one waiting longest first. */
  public List<String> subscribers() throws StoreException {
    return store.transaction("read held alerts", c -> {
      List<String> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT connection_id FROM held"
          + " GROUP BY connection_id ORDER BY MIN(id)");
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
      return out;
    });
  }

  /** Up to {@code limit} of a subscriber's held alerts, oldest first. */
  public List<Held> oldest(String connectionId, int limit) throws StoreException {
    return store.transaction("read held alerts", c -> {
      List<Held> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT id, topic, line, at_ms, digest_key"
          + " FROM held WHERE connection_id = ? ORDER BY id LIMIT ?")) {
        ps.setString(1, connectionId);
        ps.setInt(2, limit);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(new Held(rs.getLong(1), rs.getString(2), rs.getString(3),
                Instant.ofEpochMilli(rs.getLong(4)), rs.getString(5)));
          }
        }
      }
      return out;
    });
  }

  /** Puts held alerts (ids from {@link #oldest}) into the digest named {@code digestKey}. */
  public void assign(List<Long> ids, String digestKey) throws StoreException {
    store.transaction("prepare a digest", c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "UPDATE held SET digest_key = ? WHERE id = ?")) {
        for (long id : ids) {
          ps.setString(1, digestKey);
          ps.setLong(2, id);
          ps.addBatch();
        }
        return ps.executeBatch();
      }
    });
  }

  /** Forgets the alerts of a digest the daemon queued. */
  public int release(String connectionId, String digestKey) throws StoreException {
    return store.transaction("record a digest", c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "DELETE FROM held WHERE connection_id = ? AND digest_key = ?")) {
        ps.setString(1, connectionId);
        ps.setString(2, digestKey);
        return ps.executeUpdate();
      }
    });
  }

  /** Forgets everything held for a connection that no longer exists; returns how many. */
  public int removeAll(String connectionId) throws StoreException {
    return store.transaction("drop held alerts", c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "DELETE FROM held WHERE connection_id = ?")) {
        ps.setString(1, connectionId);
        return ps.executeUpdate();
      }
    });
  }
}

package io.parley.bots.notifier.store;

import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

/**
 * The last message sent to each subscriber on each thread (a topic's alert group, or the topic's
 * ungrouped notices), used for two things:
 * <ul>
 *   <li>suppressing a message identical to the last one sent on its thread within the window;
 *   </li>
 *   <li>giving a retried send the same idempotency key as the attempt that failed, so the daemon
 *       queues it once even if it had queued the first attempt but its answer was lost.</li>
 * </ul>
 * A row is written as pending before the send and marked sent after the daemon confirmed.
 * Thread-safe.
 */
public final class DeliveryLedger {
  /** Random bytes in a generated idempotency key. UNIT: bytes. */
  static final int KEY_BYTES = 16;
  private static final SecureRandom RANDOM = new SecureRandom();

  /** What to do with one message for one subscriber. */
  public sealed interface Decision permits Send, Duplicate {}

  /** Send it with this idempotency key. */
  public record Send(String idempotencyKey) implements Decision {}

  /** The same text went to this subscriber on this thread within the window: skip it. */
  public record Duplicate() implements Decision {}

  private final NotifierStore store;

  public DeliveryLedger(NotifierStore store) {
    this.store = store;
  }

  /**
   * Decides whether to send a text with hash {@code textHash} on a thread, recording a pending
   * delivery when it should be sent.
   *
   * @param window how long an identical sent text is suppressed, and how long a failed attempt's
   *     idempotency key is reused
   */
  public Decision prepare(String connectionId, String topic, String thread, String textHash,
      Instant now, Duration window) throws StoreException {
    return store.transaction("prepare a delivery", c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT text_hash, idempotency_key, sent,"
          + " at_ms FROM deliveries WHERE connection_id = ? AND topic = ? AND thread = ?")) {
        ps.setString(1, connectionId);
        ps.setString(2, topic);
        ps.setString(3, thread);
        try (ResultSet rs = ps.executeQuery()) {
          if (rs.next() && rs.getString(1).equals(textHash)
              && now.toEpochMilli() - rs.getLong(4) < window.toMillis()) {
            if (rs.getInt(3) != 0) {
              return new Duplicate();
            }
            return new Send(rs.getString(2));
          }
        }
      }
      String key = newKey();
      try (PreparedStatement ps = c.prepareStatement("INSERT OR REPLACE INTO deliveries"
          + " (connection_id, topic, thread, text_hash, idempotency_key, sent, at_ms)"
          + " VALUES (?, ?, ?, ?, ?, 0, ?)")) {
        ps.setString(1, connectionId);
        ps.setString(2, topic);
        ps.setString(3, thread);
        ps.setString(4, textHash);
        ps.setString(5, key);
        ps.setLong(6, now.toEpochMilli());
        ps.executeUpdate();
      }
      return new Send(key);
    });
  }

  /**
   * Whether a text with hash {@code textHash} was already delivered (queued or held) on this
   * thread within the window. Reads only.
   */
  public boolean delivered(String connectionId, String topic, String thread, String textHash,
      Instant now, Duration window) throws StoreException {
    return store.transaction("read a delivery", c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT text_hash, sent, at_ms"
          + " FROM deliveries WHERE connection_id = ? AND topic = ? AND thread = ?")) {
        ps.setString(1, connectionId);
        ps.setString(2, topic);
        ps.setString(3, thread);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() && rs.getString(1).equals(textHash) && rs.getInt(2) != 0
              && now.toEpochMilli() - rs.getLong(3) < window.toMillis();
        }
      }
    });
  }

  /** Records that the daemon queued the pending delivery on this thread. */
  public void markSent(String connectionId, String topic, String thread, Instant now)
      throws StoreException {
    store.transaction("record a delivery", c -> {
      try (PreparedStatement ps = c.prepareStatement("UPDATE deliveries SET sent = 1, at_ms = ?"
          + " WHERE connection_id = ? AND topic = ? AND thread = ?")) {
        ps.setLong(1, now.toEpochMilli());
        ps.setString(2, connectionId);
        ps.setString(3, topic);
        ps.setString(4, thread);
        return ps.executeUpdate();
      }
    });
  }

  /** Forgets deliveries older than {@code before}; they can no longer suppress anything. */
  public int prune(Instant before) throws StoreException {
    return store.transaction("prune deliveries", c -> {
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM deliveries WHERE at_ms < ?")) {
        ps.setLong(1, before.toEpochMilli());
        return ps.executeUpdate();
      }
    });
  }

  private static String newKey() {
    byte[] b = new byte[KEY_BYTES];
    RANDOM.nextBytes(b);
    return "notifier-" + HexFormat.of().formatHex(b);
  }
}

package io.parley.sdk.model;

/**
 * Which page of a connection's history to read: the latest messages, or those before or after a
 * message id. Immutable.
 *
 * @param before read messages older than this id, or null
 * @param after read messages newer than this id, or null
 * @param limit page size, 1 to the daemon's maximum; 0 for the daemon's default
 */
public record HistoryQuery(String before, String after, int limit) {
  /** Default page size: the daemon's. */
  public static final int DEFAULT_LIMIT = 0;

  /** Checks that at most one anchor is given and the limit is not negative. */
  public HistoryQuery {
    if (before != null && after != null) {
      throw new IllegalArgumentException("give either before or after, not both");
    }
    if (limit < 0) {
      throw new IllegalArgumentException("limit must not be negative");
    }
  }

  /** The newest {@code limit} messages (0: the daemon's default). */
  public static HistoryQuery latest(int limit) {
    return new HistoryQuery(null, null, limit);
  }

  /** Up to {@code limit} messages older than {@code messageId}. */
  public static HistoryQuery before(String messageId, int limit) {
    return new HistoryQuery(messageId, null, limit);
  }

  /** Up to {@code limit} messages newer than {@code messageId}. */
  public static HistoryQuery after(String messageId, int limit) {
    return new HistoryQuery(null, messageId, limit);
  }
}

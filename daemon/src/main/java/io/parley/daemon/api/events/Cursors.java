package io.parley.daemon.api.events;

import io.parley.daemon.api.http.ApiException;
import io.parley.agent.store.StoreException;
import io.parley.daemon.store.api.ApiStore;
import io.parley.daemon.store.api.ConsumerRow;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where a reader starts in the event log: after {@code after} (a sequence number, or
 * {@code latest} for only new events), after a named consumer's cursor, or from the oldest
 * retained event when neither is given. A cursor whose following events were deleted by
 * retention is refused with 410 {@code cursor_expired} rather than silently skipping them.
 * Thread-safe.
 */
public final class Cursors {
  /** The value of {@code after} that skips the backlog. */
  public static final String LATEST = "latest";
  /** Consumer names: what fits in a URL path segment unescaped. */
  public static final Pattern CONSUMER_NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  private final EventHub hub;
  private final ApiStore store;

  public Cursors(EventHub hub, ApiStore store) {
    this.hub = hub;
    this.store = store;
  }

  /** Checks a consumer name from a path or query. */
  public static String consumerName(String name) throws ApiException {
    if (name == null || !CONSUMER_NAME.matcher(name).matches()) {
      throw ApiException.badRequest("a consumer name is 1-64 of A-Z a-z 0-9 . _ -");
    }
    return name;
  }

  /**
   * The sequence number to read after.
   *
   * @param after the {@code after} parameter (or {@code Last-Event-ID}), if given
   * @param consumer the {@code consumer} parameter, if given
   * @param profileId the caller's profile, whose consumers are meant
   * @throws ApiException 400 for a malformed, contradictory or future cursor; 410 for an
   *     expired one
   */
  public long resolve(Optional<String> after, Optional<String> consumer, String profileId)
      throws ApiException, StoreException {
    if (after.isPresent() && consumer.isPresent()) {
      throw ApiException.badRequest("give either 'after' or 'consumer', not both");
    }
    if (consumer.isPresent()) {
      String name = consumerName(consumer.get());
      long cursor = store.read(tx -> tx.consumers().find(profileId, name)).map(ConsumerRow::cursor)
          .orElse(0L);
      return check(cursor);
    }
    if (after.isEmpty()) {
      return check(0);
    }
    if (after.get().equals(LATEST)) {
      return Math.max(hub.latestSeq(), hub.latestStoredSeq());
    }
    long seq;
    try {
      seq = Long.parseLong(after.get().trim());
    } catch (NumberFormatException e) {
      throw ApiException.badRequest("'after' must be an event sequence number or 'latest'");
    }
    if (seq < 0) {
      throw ApiException.badRequest("'after' must not be negative");
    }
    return check(seq);
  }

  private long check(long seq) throws ApiException, StoreException {
    long expired = hub.expiredUpTo();
    if (seq == 0) {
      // "From the start" is the oldest event retention kept.
      return expired;
    }
    if (seq < expired) {
      throw new ApiException(410, ApiException.CURSOR_EXPIRED, "events after " + seq
          + " were deleted by retention; restart from oldestSeq - 1 (or 0) and reconcile",
          Map.of("oldestSeq", expired + 1));
    }
    if (seq > hub.latestSeq() && seq > hub.latestStoredSeq()) {
      throw ApiException.badRequest("'after' is beyond the newest event; was the data "
          + "directory replaced?");
    }
    return seq;
  }
}

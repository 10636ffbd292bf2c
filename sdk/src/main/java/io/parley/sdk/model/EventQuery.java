package io.parley.sdk.model;

import java.util.Set;

/**
 * What to read from the event log with one long-poll: where to start, how long to wait for
 * events, how many to take and which types. Immutable; build it from the static factories and
 * the {@code with...} methods.
 *
 * @param after a sequence number, {@value #LATEST} for new events only, or null for the oldest
 *     kept event (or the consumer's cursor)
 * @param consumer a named consumer whose cursor to start after, or null; not with {@code after}
 * @param waitSeconds how long the daemon may hold the call open when nothing is there; 0 answers
 *     at once. UNIT: seconds
 * @param limit most events in the page; 0 for the daemon's default
 * @param types event types wanted; empty for all
 */
public record EventQuery(String after, String consumer, int waitSeconds, int limit,
    Set<String> types) {
  /** The {@code after} value that skips the backlog. */
  public static final String LATEST = "latest";

  /** Checks the combination and copies the types. */
  public EventQuery {
    if (after != null && consumer != null) {
      throw new IllegalArgumentException("give either after or consumer, not both");
    }
    if (waitSeconds < 0 || limit < 0) {
      throw new IllegalArgumentException("waitSeconds and limit must not be negative");
    }
    types = types == null ? Set.of() : Set.copyOf(types);
  }

  /** Events after {@code seq}. */
  public static EventQuery after(long seq) {
    if (seq < 0) {
      throw new IllegalArgumentException("seq must not be negative");
    }
    return new EventQuery(Long.toString(seq), null, 0, 0, Set.of());
  }

  /** Only events newer than the call. */
  public static EventQuery latest() {
    return new EventQuery(LATEST, null, 0, 0, Set.of());
  }

  /** From the oldest event the daemon still keeps. */
  public static EventQuery fromStart() {
    return new EventQuery(null, null, 0, 0, Set.of());
  }

  /** Events after consumer {@code name}'s cursor. */
  public static EventQuery consumer(String name) {
    return new EventQuery(null, name, 0, 0, Set.of());
  }

  /** This query waiting up to {@code seconds} for events. */
  public EventQuery withWait(int seconds) {
    return new EventQuery(after, consumer, seconds, limit, types);
  }

  /** This query taking at most {@code n} events. */
  public EventQuery withLimit(int n) {
    return new EventQuery(after, consumer, waitSeconds, n, types);
  }

  /** This query taking only events of {@code wanted} types. */
  public EventQuery withTypes(Set<String> wanted) {
    return new EventQuery(after, consumer, waitSeconds, limit, wanted);
  }
}

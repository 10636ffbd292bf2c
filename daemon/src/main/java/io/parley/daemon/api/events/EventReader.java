package io.parley.daemon.api.events;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads filtered pages of the log for one reader: events after a cursor, of the wanted types,
 * and the cursor after everything it looked at (so events filtered out are not read again).
 * Stateless; thread-safe.
 */
public final class EventReader {
  /** Events fetched from the hub per step. */
  static final int STEP = 500;
  /** Most events examined for one page, so a narrow filter over a long log stays cheap. */
  static final int MAX_SCAN = 20_000;

  private final EventHub hub;

  public EventReader(EventHub hub) {
    this.hub = hub;
  }

  /** A page of events and the cursor after it. */
  public record Page(List<HubEvent> events, long next) {}

  /** Up to {@code limit} wanted events after {@code cursor}. */
  public Page read(long cursor, int limit, EventFilter filter) {
    List<HubEvent> out = new ArrayList<>();
    long next = cursor;
    int scanned = 0;
    while (out.size() < limit && scanned < MAX_SCAN) {
      List<HubEvent> step = hub.after(next, STEP);
      for (HubEvent e : step) {
        scanned++;
        if (filter.accepts(e)) {
          out.add(e);
        }
        next = e.seq();
        if (out.size() == limit) {
          break;
        }
      }
      if (step.size() < STEP) {
        break;
      }
    }
    return new Page(out, next);
  }
}

package io.parley.sdk.model;

import java.util.List;

/**
 * A page of the event log from a long-poll. Immutable.
 *
 * @param events the events, oldest first; empty when the wait ended without any
 * @param next the cursor to pass as the following {@code after}
 */
public record EventPage(List<Event> events, long next) {
  /** Copies the list; a missing one is empty. */
  public EventPage {
    events = events == null ? List.of() : List.copyOf(events);
  }
}

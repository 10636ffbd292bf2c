package io.parley.daemon.api.events;

import java.util.ArrayList;
import java.util.List;

/**
 * The most recent events in sequence order, in a fixed-size circular buffer: appending to a
 * full ring drops the oldest. Not thread-safe: {@link EventHub} guards it.
 */
final class EventRing {
  private final HubEvent[] slots;
  private int head;
  private int size;

  EventRing(int capacity) {
    if (capacity <= 0) {
      throw new IllegalArgumentException("capacity must be positive");
    }
    slots = new HubEvent[capacity];
  }

  /** Appends {@code e}; returns the event dropped to make room, or null. */
  HubEvent append(HubEvent e) {
    HubEvent dropped = null;
    if (size == slots.length) {
      dropped = slots[head];
      slots[head] = null;
      head = (head + 1) % slots.length;
      size--;
    }
    slots[(head + size) % slots.length] = e;
    size++;
    return dropped;
  }

  /** Up to {@code limit} events with a sequence number above {@code seq}, oldest first. */
  List<HubEvent> after(long seq, int limit) {
    int lo = 0;
    int hi = size;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (get(mid).seq() <= seq) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    int n = Math.min(limit, size - lo);
    List<HubEvent> out = new ArrayList<>(Math.max(0, n));
    for (int i = 0; i < n; i++) {
      out.add(get(lo + i));
    }
    return out;
  }

  /** The newest event's sequence number, or -1 when empty. */
  long lastSeq() {
    return size == 0 ? -1 : get(size - 1).seq();
  }

  private HubEvent get(int i) {
    return slots[(head + i) % slots.length];
  }
}

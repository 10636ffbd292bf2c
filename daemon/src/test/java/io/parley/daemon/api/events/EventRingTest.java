package io.parley.daemon.api.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.parley.agent.event.AgentEvent;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventRingTest {
  private static HubEvent event(long seq) {
    return HubEvent.of(new AgentEvent(seq, "t", Instant.EPOCH, null, Map.of()));
  }

  private static List<Long> seqs(List<HubEvent> events) {
    return events.stream().map(HubEvent::seq).toList();
  }

  @Test
  void aFullRingDropsTheOldestAndReturnsIt() {
    EventRing ring = new EventRing(3);
    assertNull(ring.append(event(1)));
    ring.append(event(2));
    ring.append(event(3));
    assertEquals(1, ring.append(event(4)).seq());
    assertEquals(List.of(2L, 3L, 4L), seqs(ring.after(0, 10)));
    assertEquals(4, ring.lastSeq());
  }

  @Test
  void afterFindsTheFirstLaterEventAcrossGapsAndTheWrapAndHonoursTheLimit() {
    EventRing ring = new EventRing(4);
    for (long s : new long[] {2, 5, 9, 10, 14, 20}) {
      ring.append(event(s));
    }
    assertEquals(List.of(9L, 10L, 14L, 20L), seqs(ring.after(3, 10)));
    assertEquals(List.of(14L, 20L), seqs(ring.after(10, 10)));
    assertEquals(List.of(14L), seqs(ring.after(11, 1)));
    assertEquals(List.of(), seqs(ring.after(20, 10)));
  }

  @Test
  void anEmptyRingHasNothingAndARingNeedsRoom() {
    EventRing ring = new EventRing(2);
    assertEquals(List.of(), ring.after(0, 5));
    assertEquals(-1, ring.lastSeq());
    assertThrows(IllegalArgumentException.class, () -> new EventRing(0));
  }
}

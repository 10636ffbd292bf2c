package io.parley.agent.internal.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StoreIdsTest {
  private static final long T0 = 1_700_000_000_000L;

  @Test
  void timeOrderedIdsSortAsTextInTheOrderOfTheirTimes() {
    String previous = StoreIds.newTimeOrderedId(0);
    for (long t : new long[] {1, 15, 16, 255, 4096, T0, T0 + 1, T0 + 1_000_000, 0xFFFF_FFFF_FFFFL}) {
      String next = StoreIds.newTimeOrderedId(t);
      assertEquals(28, next.length());
      assertTrue(previous.compareTo(next) < 0, previous + " should sort before " + next);
      previous = next;
    }
  }

  @Test
  void timeOrderedIdsOfTheSameMillisecondDifferAndAreUrlSafe() {
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < 1_000; i++) {
      String id = StoreIds.newTimeOrderedId(T0);
      assertTrue(id.matches("[0-9a-f]{16}[A-Za-z0-9_-]{12}"), id);
      ids.add(id);
    }
    assertEquals(1_000, ids.size());
    assertNotEquals(StoreIds.newId(), StoreIds.newId());
  }

  @Test
  void idsMadeInTheSameMillisecondSortInTheOrderTheyWereMade() {
    String previous = StoreIds.newTimeOrderedId(T0 + 5);
    for (int i = 0; i < 1_000; i++) {
      String next = StoreIds.newTimeOrderedId(T0 + 5);
      assertTrue(previous.compareTo(next) < 0, previous + " should sort before " + next);
      previous = next;
    }
  }
}

package io.parley.agent.internal.state;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class RecentCopiesTest {
  private static byte[] envelope(int n) {
    return ByteBuffer.allocate(16).putInt(n).putInt(~n).array();
  }

  @Test
  void anEnvelopeOpenedLatelyIsRecognisedAndAnotherIsNot() {
    RecentCopies c = new RecentCopies();
    c.add(envelope(1));
    assertTrue(c.contains(envelope(1)));
    assertFalse(c.contains(envelope(2)));
  }

  @Test
  void pastItsCapacityTheOldestEnvelopesAreForgottenAndTheNewestKept() {
    RecentCopies c = new RecentCopies();
    int total = RecentCopies.CAPACITY + 100;
    for (int i = 0; i < total; i++) {
      c.add(envelope(i));
    }
    for (int i = 0; i < 100; i++) {
      assertFalse(c.contains(envelope(i)), "forgotten: " + i);
    }
    for (int i = 100; i < total; i++) {
      assertTrue(c.contains(envelope(i)), "kept: " + i);
    }
  }

  @Test
  void asItsRoomGrowsFromTheFirstFewEnvelopesToItsCapacityNoneIsForgotten() {
    RecentCopies c = new RecentCopies();
    for (int i = 0; i < RecentCopies.CAPACITY; i++) {
      c.add(envelope(i));
      if (Integer.bitCount(i + 1) == 1) {
        // Just past each growth, everything added so far is still there.
        for (int j = 0; j <= i; j++) {
          assertTrue(c.contains(envelope(j)), "kept " + j + " of " + (i + 1));
        }
      }
    }
    assertFalse(c.contains(envelope(RecentCopies.CAPACITY)));
  }
}

package io.parley.protocol.ratchet;

import static io.parley.protocol.ratchet.Parties.SMALL_PADDED;
import static io.parley.protocol.ratchet.Parties.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RatchetConversationTest {
  /** A message in flight: what was sent and what went on the wire. */
  private record Sent(byte[] plaintext, byte[] message) {}

  @Test
  void theJoinerSendsFirstAndTheInviterRepliesOnceItHasReceived() throws Exception {
    Parties p = Parties.connect();
    p.deliver(p.joiner, p.inviter, "confirmation");
    p.deliver(p.inviter, p.joiner, "welcome");
    p.deliver(p.joiner, p.inviter, "thanks");
  }

  @Test
  void theInviterCannotEncryptBeforeItHasDecryptedTheJoinersFirstMessage() throws Exception {
    Parties p = Parties.connect();
    RatchetException e =
        assertThrows(RatchetException.class, () -> p.inviter.encrypt(utf8("early"), 64));
    assertEquals(RatchetException.Reason.BAD_STATE, e.reason());
    p.deliver(p.joiner, p.inviter, "first");
    p.deliver(p.inviter, p.joiner, "now it can");
  }

  @Test
  void manyMessagesBothWaysWithSeededRandomInterleavingAndReorderingAllDecrypt()
      throws Exception {
    for (long seed = 1; seed <= 6; seed++) {
      converse(seed, 600, false);
    }
  }

  @Test
  void serializingAndRestoringEitherSideAtRandomPointsKeepsTheConversationWorking()
      throws Exception {
    for (long seed = 101; seed <= 104; seed++) {
      converse(seed, 400, true);
    }
  }

  @Test
  void messagesDeliveredInReverseOrderWithinOneChainAllDecrypt() throws Exception {
    Parties p = Parties.connect();
    List<byte[]> sent = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      sent.add(p.joiner.encrypt(utf8("m" + i), SMALL_PADDED));
    }
    for (int i = 19; i >= 0; i--) {
      assertArrayEquals(utf8("m" + i), p.inviter.decrypt(sent.get(i)));
    }
    assertEquals(0, p.inviter.skippedKeyCount());
  }

  @Test
  void messagesDelayedAcrossSeveralRatchetStepsStillDecrypt() throws Exception {
    Parties p = Parties.connect();
    byte[] a0 = p.joiner.encrypt(utf8("a0"), SMALL_PADDED);
    byte[] a1 = p.joiner.encrypt(utf8("a1"), SMALL_PADDED);
    byte[] a2 = p.joiner.encrypt(utf8("a2"), SMALL_PADDED);
    assertArrayEquals(utf8("a0"), p.inviter.decrypt(a0));
    p.deliver(p.inviter, p.joiner, "b0");
    byte[] a3 = p.joiner.encrypt(utf8("a3"), SMALL_PADDED);
    byte[] b1 = p.inviter.encrypt(utf8("b1"), SMALL_PADDED);
    // a3 starts a new chain; a1 and a2 of the old chain become skipped keys.
    assertArrayEquals(utf8("a3"), p.inviter.decrypt(a3));
    assertEquals(2, p.inviter.skippedKeyCount());
    assertArrayEquals(utf8("b1"), p.joiner.decrypt(b1));
    p.deliver(p.joiner, p.inviter, "a4");
    p.deliver(p.inviter, p.joiner, "b2");
    p.deliver(p.joiner, p.inviter, "a5");
    assertArrayEquals(utf8("a2"), p.inviter.decrypt(a2));
    assertArrayEquals(utf8("a1"), p.inviter.decrypt(a1));
    assertEquals(0, p.inviter.skippedKeyCount());
  }

  @Test
  void theEmptyPlaintextAndTheLargestThatFitsBothRoundTrip() throws Exception {
    Parties p = Parties.connectAndGreet();
    byte[] largest = new byte[SMALL_PADDED - 2];
    new Random(7).nextBytes(largest);
    assertArrayEquals(new byte[0], p.joiner.decrypt(p.inviter.encrypt(new byte[0], 2)));
    assertArrayEquals(largest, p.inviter.decrypt(p.joiner.encrypt(largest, SMALL_PADDED)));
    byte[] biggest = new byte[Ratchet.MAX_PADDED_BYTES - 2];
    byte[] message = p.inviter.encrypt(biggest, Ratchet.MAX_PADDED_BYTES);
    assertArrayEquals(biggest, p.joiner.decrypt(message));
  }

  @Test
  void everyOutputForOnePaddedLengthHasTheSameLengthWhateverThePlaintextLength()
      throws Exception {
    Parties p = Parties.connectAndGreet();
    int padded = 15_840;
    for (int length : new int[] {0, 1, 100, 5_000, padded - 3, padded - 2}) {
      byte[] message = p.joiner.encrypt(new byte[length], padded);
      assertEquals(padded + Ratchet.OVERHEAD_BYTES, message.length, "plaintext " + length);
      assertEquals(length, p.inviter.decrypt(message).length);
    }
    for (int length = 0; length <= SMALL_PADDED - 2; length++) {
      byte[] message = p.inviter.encrypt(new byte[length], SMALL_PADDED);
      assertEquals(SMALL_PADDED + Ratchet.OVERHEAD_BYTES, message.length);
    }
  }

  @Test
  void encryptingTheSamePlaintextTwiceGivesUnrelatedOutputs() throws Exception {
    Parties p = Parties.connectAndGreet();
    byte[] first = p.joiner.encrypt(utf8("same"), SMALL_PADDED);
    byte[] second = p.joiner.encrypt(utf8("same"), SMALL_PADDED);
    assertFalse(Arrays.equals(first, second));
    int header = Ratchet.OVERHEAD_BYTES - 16;
    assertFalse(Arrays.equals(
        Arrays.copyOfRange(first, header, first.length),
        Arrays.copyOfRange(second, header, second.length)), "bodies must differ too");
    assertArrayEquals(utf8("same"), p.inviter.decrypt(second));
    assertArrayEquals(utf8("same"), p.inviter.decrypt(first));
  }

  /**
   * Random sends from either side (the inviter only once it has received) and deliveries that
   * pick the oldest message in flight half the time and otherwise one of the eight oldest, so
   * messages arrive out of order within and across ratchet steps. Drains everything at the end.
   */
  private static void converse(long seed, int steps, boolean restore) throws Exception {
    Random rnd = new Random(seed);
    Parties p = Parties.connect();
    Ratchet[] sides = {p.joiner, p.inviter};
    List<List<Sent>> inbox = List.of(new ArrayList<>(), new ArrayList<>());
    boolean inviterCanSend = false;
    int sent = 0;
    int received = 0;
    for (int step = 0; step < steps || !inbox.get(0).isEmpty() || !inbox.get(1).isEmpty(); step++) {
      boolean anyInFlight = !inbox.get(0).isEmpty() || !inbox.get(1).isEmpty();
      if (step < steps && (!anyInFlight || rnd.nextBoolean())) {
        int from = inviterCanSend && rnd.nextBoolean() ? 1 : 0;
        byte[] plaintext = new byte[rnd.nextInt(SMALL_PADDED - 1)];
        rnd.nextBytes(plaintext);
        inbox.get(1 - from).add(new Sent(plaintext, sides[from].encrypt(plaintext, SMALL_PADDED)));
        sent++;
      } else {
        int to = inbox.get(0).isEmpty() ? 1 : inbox.get(1).isEmpty() ? 0 : rnd.nextInt(2);
        List<Sent> queue = inbox.get(to);
        int index = rnd.nextBoolean() ? 0 : rnd.nextInt(Math.min(queue.size(), 8));
        Sent m = queue.remove(index);
        assertArrayEquals(m.plaintext(), sides[to].decrypt(m.message()), "seed " + seed);
        received++;
        inviterCanSend |= to == 1;
      }
      if (restore && rnd.nextInt(10) == 0) {
        int who = rnd.nextInt(2);
        sides[who] = Ratchet.deserialize(sides[who].serialize());
      }
    }
    assertEquals(sent, received);
    assertTrue(sent > steps / 3, "the run must actually exchange messages");
    assertEquals(0, sides[0].skippedKeyCount());
    assertEquals(0, sides[1].skippedKeyCount());
  }
}

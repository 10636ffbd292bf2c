package io.parley.protocol.ratchet;

import static io.parley.protocol.ratchet.Parties.SMALL_PADDED;
import static io.parley.protocol.ratchet.Parties.assertRejected;
import static io.parley.protocol.ratchet.Parties.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.protocol.ratchet.RatchetException.Reason;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RatchetFailureTest {
  @Test
  void aFirstMessageSkippingMoreThanMaxSkipFailsAndLeavesTheStateUnchanged() throws Exception {
    Parties p = Parties.connect();
    List<byte[]> sent = encryptMany(p.joiner, Ratchet.MAX_SKIP + 2);
    assertRejected(Reason.TOO_MANY_SKIPPED, p.inviter, sent.get(Ratchet.MAX_SKIP + 1));
    assertArrayEquals(utf8("m0"), p.inviter.decrypt(sent.get(0)));
  }

  @Test
  void skippingExactlyMaxSkipSucceedsAndOneMoreFailsWithinAChain() throws Exception {
    Parties p = Parties.connect();
    List<byte[]> sent = encryptMany(p.joiner, Ratchet.MAX_SKIP + 3);
    assertArrayEquals(utf8("m0"), p.inviter.decrypt(sent.get(0)));
    assertRejected(Reason.TOO_MANY_SKIPPED, p.inviter, sent.get(Ratchet.MAX_SKIP + 2));
    assertArrayEquals(utf8("m1"), p.inviter.decrypt(sent.get(1)));
    // From 2, message MAX_SKIP + 2 skips exactly MAX_SKIP keys.
    int last = Ratchet.MAX_SKIP + 2;
    assertArrayEquals(utf8("m" + last), p.inviter.decrypt(sent.get(last)));
    assertEquals(Ratchet.MAX_SKIP, p.inviter.skippedKeyCount());
  }

  @Test
  void keysSkippedInTheOldAndTheNewChainCountTogetherAgainstMaxSkip() throws Exception {
    Parties p = Parties.connect();
    List<byte[]> oldChain = encryptMany(p.joiner, 300);
    p.inviter.decrypt(oldChain.get(0));
    p.deliver(p.inviter, p.joiner, "turn");
    List<byte[]> newChain = encryptMany(p.joiner, 300);
    // 299 left behind in the old chain plus 299 before the last of the new chain.
    assertRejected(Reason.TOO_MANY_SKIPPED, p.inviter, newChain.get(299));
    assertArrayEquals(utf8("m0"), p.inviter.decrypt(newChain.get(0)));
  }

  @Test
  void replayingAMessageIsDuplicateAndLeavesTheStateUnchanged() throws Exception {
    Parties p = Parties.connectAndGreet();
    byte[] inOrder = p.joiner.encrypt(utf8("once"), SMALL_PADDED);
    p.inviter.decrypt(inOrder);
    assertRejected(Reason.DUPLICATE, p.inviter, inOrder);

    byte[] early = p.joiner.encrypt(utf8("early"), SMALL_PADDED);
    byte[] late = p.joiner.encrypt(utf8("late"), SMALL_PADDED);
    p.inviter.decrypt(late);
    p.inviter.decrypt(early);
    assertRejected(Reason.DUPLICATE, p.inviter, early);
    assertRejected(Reason.DUPLICATE, p.inviter, late);

    p.deliver(p.inviter, p.joiner, "new chain");
    p.deliver(p.joiner, p.inviter, "next");
    assertRejected(Reason.DUPLICATE, p.inviter, inOrder);
    p.deliver(p.joiner, p.inviter, "still fine");
  }

  @Test
  void flippingAnyByteOfTheSealedHeaderFailsAsBadHeaderAndLeavesTheStateUnchanged()
      throws Exception {
    Parties p = Parties.connectAndGreet();
    byte[] message = p.joiner.encrypt(utf8("intact"), SMALL_PADDED);
    for (int i = 0; i < Header.SEALED_BYTES; i++) {
      byte[] tampered = message.clone();
      tampered[i] ^= 0x01;
      assertRejected(Reason.BAD_HEADER, p.inviter, tampered);
    }
    assertArrayEquals(utf8("intact"), p.inviter.decrypt(message));
  }

  @Test
  void flippingAnyByteOfTheBodyFailsAsBadMessageAndLeavesTheStateUnchanged() throws Exception {
    Parties p = Parties.connectAndGreet();
    byte[] message = p.joiner.encrypt(utf8("intact"), SMALL_PADDED);
    for (int i = Header.SEALED_BYTES; i < message.length; i++) {
      byte[] tampered = message.clone();
      tampered[i] ^= (byte) 0x80;
      assertRejected(Reason.BAD_MESSAGE, p.inviter, tampered);
    }
    assertArrayEquals(utf8("intact"), p.inviter.decrypt(message));
  }

  @Test
  void aBodyMovedUnderAnotherMessagesHeaderFailsAsBadMessage() throws Exception {
    Parties p = Parties.connectAndGreet();
    byte[] first = p.joiner.encrypt(utf8("first"), SMALL_PADDED);
    byte[] second = p.joiner.encrypt(utf8("second"), SMALL_PADDED);
    byte[] spliced = first.clone();
    System.arraycopy(second, Header.SEALED_BYTES, spliced, Header.SEALED_BYTES,
        second.length - Header.SEALED_BYTES);
    assertRejected(Reason.BAD_MESSAGE, p.inviter, spliced);
    assertArrayEquals(utf8("first"), p.inviter.decrypt(first));
    assertArrayEquals(utf8("second"), p.inviter.decrypt(second));
  }

  @Test
  void aMessageFromAnotherConnectionFailsAsBadHeader() throws Exception {
    Parties p = Parties.connectAndGreet();
    Parties other = Parties.connectAndGreet();
    assertRejected(Reason.BAD_HEADER, p.inviter,
        other.joiner.encrypt(utf8("elsewhere"), SMALL_PADDED));
    p.deliver(p.joiner, p.inviter, "unaffected");
  }

  @Test
  void truncatedOrRandomBytesFailWithATypedReasonAndLeaveTheStateUnchanged() throws Exception {
    Parties p = Parties.connectAndGreet();
    byte[] message = p.joiner.encrypt(utf8("whole"), SMALL_PADDED);
    for (int length = 0; length < message.length; length++) {
      byte[] cut = Arrays.copyOf(message, length);
      byte[] before = p.inviter.serialize();
      RatchetException e = assertThrows(RatchetException.class, () -> p.inviter.decrypt(cut));
      assertTrue(e.reason() == Reason.BAD_MESSAGE || e.reason() == Reason.BAD_HEADER,
          "length " + length + ": " + e.reason());
      assertArrayEquals(before, p.inviter.serialize());
    }
    Random rnd = new Random(42);
    for (int i = 0; i < 200; i++) {
      byte[] junk = new byte[rnd.nextInt(400)];
      rnd.nextBytes(junk);
      RatchetException e = assertThrows(RatchetException.class, () -> p.inviter.decrypt(junk));
      assertTrue(e.reason() == Reason.BAD_MESSAGE || e.reason() == Reason.BAD_HEADER);
    }
    assertRejected(Reason.BAD_MESSAGE, p.inviter, null);
    assertRejected(Reason.BAD_MESSAGE, p.inviter,
        new byte[Ratchet.MAX_PADDED_BYTES + Ratchet.OVERHEAD_BYTES + 1]);
    assertArrayEquals(utf8("whole"), p.inviter.decrypt(message));
  }

  @Test
  void aPlaintextThatDoesNotFitOrAPaddedLengthOutOfRangeIsTooLarge() throws Exception {
    Parties p = Parties.connectAndGreet();
    byte[] before = p.joiner.serialize();
    for (int[] c : new int[][] {{63, 64}, {0, 1}, {0, -5}, {0, Ratchet.MAX_PADDED_BYTES + 1}}) {
      RatchetException e = assertThrows(
          RatchetException.class, () -> p.joiner.encrypt(new byte[c[0]], c[1]));
      assertEquals(Reason.TOO_LARGE, e.reason());
    }
    assertArrayEquals(before, p.joiner.serialize());
    p.deliver(p.joiner, p.inviter, "after refusals");
  }

  @Test
  void pastTheStoredKeyCapTheOldestSkippedKeysAreEvictedFirst() throws Exception {
    Parties p = Parties.connect();
    int perChain = 500;
    List<List<byte[]>> chains = new ArrayList<>();
    for (int c = 0; c < 3; c++) {
      List<byte[]> chain = encryptMany(p.joiner, perChain);
      chains.add(chain);
      p.inviter.decrypt(chain.get(perChain - 1));
      p.deliver(p.inviter, p.joiner, "turn " + c);
    }
    assertEquals(Ratchet.MAX_STORED_SKIPPED_KEYS, p.inviter.skippedKeyCount());
    int evicted = 3 * (perChain - 1) - Ratchet.MAX_STORED_SKIPPED_KEYS;
    assertRejected(Reason.DUPLICATE, p.inviter, chains.get(0).get(0));
    assertRejected(Reason.DUPLICATE, p.inviter, chains.get(0).get(evicted - 1));
    assertArrayEquals(utf8("m" + evicted), p.inviter.decrypt(chains.get(0).get(evicted)));
    assertArrayEquals(utf8("m0"), p.inviter.decrypt(chains.get(2).get(0)));
  }

  @Test
  void aMessageDelayedPastTheTrackedChainLimitIsBadHeader() throws Exception {
    Parties p = Parties.connect();
    byte[] first = p.joiner.encrypt(utf8("first"), SMALL_PADDED);
    byte[] lost = p.joiner.encrypt(utf8("lost"), SMALL_PADDED);
    byte[] kept = p.joiner.encrypt(utf8("kept"), SMALL_PADDED);
    p.inviter.decrypt(first);
    p.inviter.decrypt(kept);
    for (int turn = 0; turn < Ratchet.MAX_TRACKED_CHAINS; turn++) {
      p.deliver(p.inviter, p.joiner, "ping " + turn);
      p.deliver(p.joiner, p.inviter, "pong " + turn);
    }
    assertRejected(Reason.BAD_HEADER, p.inviter, lost);
    assertEquals(0, p.inviter.skippedKeyCount());
  }

  @Test
  void peerKeysThatGiveAWeakSharedSecretAreRefusedAtSetUp() {
    RatchetPublicKeys lowOrder = new RatchetPublicKeys(new byte[32], new byte[32]);
    X3dhKeyPairs own = X3dhKeyPairs.generate();
    RatchetException asJoiner =
        assertThrows(RatchetException.class, () -> Ratchet.initJoiner(own, lowOrder));
    RatchetException asInviter =
        assertThrows(RatchetException.class, () -> Ratchet.initInviter(own, lowOrder));
    assertEquals(Reason.BAD_MESSAGE, asJoiner.reason());
    assertEquals(Reason.BAD_MESSAGE, asInviter.reason());
  }

  private static List<byte[]> encryptMany(Ratchet sender, int count) throws RatchetException {
    List<byte[]> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      out.add(sender.encrypt(utf8("m" + i), SMALL_PADDED));
    }
    return out;
  }
}

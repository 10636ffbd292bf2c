package io.parley.protocol.ratchet;

import static io.parley.protocol.ratchet.Parties.SMALL_PADDED;
import static io.parley.protocol.ratchet.Parties.assertRejected;
import static io.parley.protocol.ratchet.Parties.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.protocol.crypto.MlKem;
import io.parley.protocol.crypto.SecureRandoms;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The hybrid X25519 + ML-KEM-768 ratchet (docs/ratchet.md, section 12). */
class RatchetPqTest {
  private final X3dhKeyPairs inviterKeys = X3dhKeyPairs.generate(true, SecureRandoms.get());
  private final X3dhKeyPairs joinerKeys = X3dhKeyPairs.generate();
  private final Ratchet.JoinerStart start;
  private final Ratchet joiner;
  private final Ratchet inviter;

  RatchetPqTest() throws RatchetException {
    start = Ratchet.initJoinerPq(joinerKeys, inviterKeys.publicKeys(),
        inviterKeys.kemPublicKey());
    joiner = start.ratchet();
    inviter = Ratchet.initInviterPq(inviterKeys, joinerKeys.publicKeys(), start.kemCiphertext());
  }

  private void deliver(Ratchet from, Ratchet to, String text) throws RatchetException {
    assertArrayEquals(utf8(text), to.decrypt(from.encrypt(utf8(text), SMALL_PADDED)));
  }

  @Test
  void twoHybridRatchetsTalkBothWaysThroughManyRatchetSteps() throws RatchetException {
    assertTrue(joiner.pq());
    assertTrue(inviter.pq());
    for (int i = 0; i < 6; i++) {
      deliver(joiner, inviter, "from joiner " + i);
      deliver(joiner, inviter, "again " + i);
      deliver(inviter, joiner, "from inviter " + i);
    }
  }

  @Test
  void everyHybridMessageIsThePaddedLengthPlusTheLargerOverhead() throws RatchetException {
    byte[] m = joiner.encrypt(utf8("x"), SMALL_PADDED);
    assertEquals(SMALL_PADDED + Ratchet.PQ_OVERHEAD_BYTES, m.length);
    assertEquals(2364, Ratchet.PQ_OVERHEAD_BYTES);
    inviter.decrypt(m);
    assertEquals(m.length, inviter.encrypt(utf8("a longer reply"), SMALL_PADDED).length);
  }

  @Test
  void outOfOrderMessagesAcrossHybridRatchetStepsStillOpenFromSkippedKeys()
      throws RatchetException {
    deliver(joiner, inviter, "hello");
    List<byte[]> first = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      first.add(inviter.encrypt(utf8("a" + i), SMALL_PADDED));
    }
    assertArrayEquals(utf8("a2"), joiner.decrypt(first.get(2)));
    deliver(joiner, inviter, "turn");
    byte[] late = inviter.encrypt(utf8("b0"), SMALL_PADDED);
    assertArrayEquals(utf8("b0"), joiner.decrypt(late));
    assertArrayEquals(utf8("a0"), joiner.decrypt(first.get(0)));
    assertArrayEquals(utf8("a1"), joiner.decrypt(first.get(1)));
    assertEquals(0, joiner.skippedKeyCount());
    assertRejected(RatchetException.Reason.DUPLICATE, joiner, first.get(1));
  }

  @Test
  void aHybridStateSurvivesSerializationMidConversation() throws RatchetException {
    deliver(joiner, inviter, "hello");
    byte[] skipped = inviter.encrypt(utf8("skipped"), SMALL_PADDED);
    deliver(inviter, joiner, "reply");
    Ratchet restored = Ratchet.deserialize(joiner.serialize());
    assertTrue(restored.pq());
    assertArrayEquals(joiner.serialize(), restored.serialize());
    assertArrayEquals(utf8("skipped"), restored.decrypt(skipped));
    deliver(restored, inviter, "after restore");
    deliver(inviter, restored, "and back");
  }

  @Test
  void aClassicInviterCannotOpenAHybridJoinersFirstMessage() throws RatchetException {
    // What a peer sees if the agreed mode is changed in transit: the keys differ, nothing opens.
    Ratchet classic = Ratchet.initInviter(inviterKeys, joinerKeys.publicKeys());
    byte[] m = joiner.encrypt(utf8("hello"), SMALL_PADDED);
    assertRejected(RatchetException.Reason.BAD_HEADER, classic, m);
  }

  @Test
  void aHybridInviterCannotOpenAClassicJoinersFirstMessage() throws RatchetException {
    Ratchet classicJoiner = Ratchet.initJoiner(joinerKeys, inviterKeys.publicKeys());
    byte[] m = classicJoiner.encrypt(utf8("hello"), SMALL_PADDED);
    assertRejected(RatchetException.Reason.BAD_MESSAGE, inviter, m);
  }

  @Test
  void aTamperedInitialKemCiphertextGivesAnInviterThatOpensNothing() throws RatchetException {
    byte[] ct = start.kemCiphertext();
    ct[100] ^= 1;
    Ratchet tampered = Ratchet.initInviterPq(inviterKeys, joinerKeys.publicKeys(), ct);
    assertRejected(RatchetException.Reason.BAD_HEADER, tampered,
        joiner.encrypt(utf8("hello"), SMALL_PADDED));
  }

  @Test
  void aKemCiphertextOfTheWrongLengthIsRefusedAtSetUp() {
    RatchetException e = assertThrows(RatchetException.class,
        () -> Ratchet.initInviterPq(inviterKeys, joinerKeys.publicKeys(), new byte[10]));
    assertEquals(RatchetException.Reason.BAD_MESSAGE, e.reason());
  }

  @Test
  void aJoinerRefusesAnInviterKemKeyOfTheWrongLength() {
    RatchetException e = assertThrows(RatchetException.class, () -> Ratchet.initJoinerPq(
        joinerKeys, inviterKeys.publicKeys(), new byte[MlKem.PUBLIC_KEY_BYTES - 1]));
    assertEquals(RatchetException.Reason.BAD_MESSAGE, e.reason());
  }

  @Test
  void keyPairsWithAKemKeyRoundTripAndClassicOnesStayAsBefore() throws RatchetException {
    X3dhKeyPairs back = X3dhKeyPairs.decode(inviterKeys.encode());
    assertArrayEquals(inviterKeys.kemPublicKey(), back.kemPublicKey());
    assertEquals(X3dhKeyPairs.PQ_ENCODED_BYTES, inviterKeys.encode().length);
    assertEquals(X3dhKeyPairs.ENCODED_BYTES, joinerKeys.encode().length);
    assertEquals(null, X3dhKeyPairs.decode(joinerKeys.encode()).kemPublicKey());
    assertFalse(Ratchet.initJoiner(joinerKeys, inviterKeys.publicKeys()).pq());
  }
}

package io.parley.protocol.ratchet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;

/** A joiner and an inviter whose ratchets were set up from each other's published keys. */
final class Parties {
  /** A padded size small enough to keep thousands of messages cheap in tests. UNIT: bytes. */
  static final int SMALL_PADDED = 64;

  final X3dhKeyPairs joinerKeys = X3dhKeyPairs.generate();
  final X3dhKeyPairs inviterKeys = X3dhKeyPairs.generate();
  final Ratchet joiner;
  final Ratchet inviter;

  private Parties() throws RatchetException {
    joiner = Ratchet.initJoiner(joinerKeys, inviterKeys.publicKeys());
    inviter = Ratchet.initInviter(inviterKeys, joinerKeys.publicKeys());
  }

  /** Both ratchets initialised; nothing sent yet. */
  static Parties connect() throws RatchetException {
    return new Parties();
  }

  /** Both ratchets initialised and one message each way delivered, so both can send. */
  static Parties connectAndGreet() throws RatchetException {
    Parties p = new Parties();
    p.deliver(p.joiner, p.inviter, "hello");
    p.deliver(p.inviter, p.joiner, "hello back");
    return p;
  }

  /** Encrypts {@code text} at {@code from} and checks that {@code to} decrypts it. */
  void deliver(Ratchet from, Ratchet to, String text) throws RatchetException {
    byte[] message = from.encrypt(utf8(text), SMALL_PADDED);
    assertArrayEquals(utf8(text), to.decrypt(message));
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** Asserts the decrypt fails with {@code reason} and leaves the serialized state unchanged. */
  static void assertRejected(
      RatchetException.Reason reason, Ratchet receiver, byte[] message) {
    byte[] before = receiver.serialize();
    RatchetException e = assertThrows(RatchetException.class, () -> receiver.decrypt(message));
    assertEquals(reason, e.reason(), e.getMessage());
    assertArrayEquals(before, receiver.serialize(), "a failed decrypt changed the state");
  }
}

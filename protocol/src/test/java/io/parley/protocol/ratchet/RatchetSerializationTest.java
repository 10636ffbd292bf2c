package io.parley.protocol.ratchet;

import static io.parley.protocol.ratchet.Parties.SMALL_PADDED;
import static io.parley.protocol.ratchet.Parties.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.parley.protocol.crypto.Hashes;
import io.parley.protocol.ratchet.RatchetException.Reason;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RatchetSerializationTest {
  @Test
  void aRestoredStateWithPendingSkippedKeysContinuesTheConversation() throws Exception {
    Parties p = Parties.connectAndGreet();
    byte[] late = p.joiner.encrypt(utf8("late"), SMALL_PADDED);
    byte[] onTime = p.joiner.encrypt(utf8("on time"), SMALL_PADDED);
    p.inviter.decrypt(onTime);

    Ratchet inviter = Ratchet.deserialize(p.inviter.serialize());
    Ratchet joiner = Ratchet.deserialize(p.joiner.serialize());
    assertEquals(1, inviter.skippedKeyCount());
    assertArrayEquals(utf8("late"), inviter.decrypt(late));
    assertArrayEquals(utf8("reply"), joiner.decrypt(inviter.encrypt(utf8("reply"), 100)));
    assertArrayEquals(utf8("again"), inviter.decrypt(joiner.encrypt(utf8("again"), 100)));
  }

  @Test
  void aFreshInvitersStateRoundTripsBeforeAnyMessage() throws Exception {
    Parties p = Parties.connect();
    Ratchet inviter = Ratchet.deserialize(p.inviter.serialize());
    Ratchet joiner = Ratchet.deserialize(p.joiner.serialize());
    assertArrayEquals(utf8("first"), inviter.decrypt(joiner.encrypt(utf8("first"), 64)));
  }

  @Test
  void serializingARestoredStateGivesTheSameBytes() throws Exception {
    Parties p = Parties.connectAndGreet();
    p.inviter.decrypt(encryptAndDropOne(p.joiner));
    byte[] blob = p.inviter.serialize();
    assertArrayEquals(blob, Ratchet.deserialize(blob).serialize());
  }

  @Test
  void aBlobWithAnyByteFlippedOrCutShortIsBadState() throws Exception {
    Parties p = Parties.connectAndGreet();
    p.inviter.decrypt(encryptAndDropOne(p.joiner));
    byte[] blob = p.inviter.serialize();
    for (int i = 0; i < blob.length; i++) {
      byte[] flipped = blob.clone();
      flipped[i] ^= 0x04;
      assertBadState(flipped);
    }
    for (int length = 0; length < blob.length; length++) {
      assertBadState(Arrays.copyOf(blob, length));
    }
    assertBadState(null);
    byte[] longer = Arrays.copyOf(blob, blob.length + 1);
    assertBadState(longer);
  }

  @Test
  void aBlobWithAValidChecksumButAnUnknownVersionOrBadStructureIsBadState() throws Exception {
    byte[] blob = Parties.connectAndGreet().joiner.serialize();
    byte[] body = Arrays.copyOf(blob, blob.length - 32);
    body[0] = 2;
    assertBadState(withChecksum(body));
    Random rnd = new Random(5);
    for (int i = 0; i < 500; i++) {
      byte[] junk = new byte[rnd.nextInt(blob.length + 50)];
      rnd.nextBytes(junk);
      if (junk.length > 0) {
        junk[0] = RatchetState.FORMAT_VERSION;
      }
      assertBadState(withChecksum(junk));
    }
  }

  @Test
  void keyPairsRoundTripAndAgreeWithTheirPublicKeys() throws Exception {
    X3dhKeyPairs keys = X3dhKeyPairs.generate();
    byte[] encoded = keys.encode();
    assertEquals(X3dhKeyPairs.ENCODED_BYTES, encoded.length);
    X3dhKeyPairs restored = X3dhKeyPairs.decode(encoded);
    assertEquals(keys.publicKeys(), restored.publicKeys());
    Parties other = Parties.connect();
    Ratchet joiner = Ratchet.initJoiner(restored, other.inviterKeys.publicKeys());
    Ratchet inviter = Ratchet.initInviter(other.inviterKeys, keys.publicKeys());
    assertArrayEquals(utf8("ok"), inviter.decrypt(joiner.encrypt(utf8("ok"), 64)));
  }

  @Test
  void malformedKeyPairBlobsAreBadState() {
    byte[] good = X3dhKeyPairs.generate().encode();
    byte[] wrongVersion = good.clone();
    wrongVersion[0] = 9;
    for (byte[] bad : new byte[][] {null, new byte[0], Arrays.copyOf(good, good.length - 1),
        Arrays.copyOf(good, good.length + 1), wrongVersion}) {
      RatchetException e = assertThrows(RatchetException.class, () -> X3dhKeyPairs.decode(bad));
      assertEquals(Reason.BAD_STATE, e.reason());
    }
  }

  @Test
  void publicKeysRoundTripAndMalformedBytesAreBadMessage() throws Exception {
    RatchetPublicKeys keys = X3dhKeyPairs.generate().publicKeys();
    byte[] encoded = keys.encode();
    assertEquals(RatchetPublicKeys.ENCODED_BYTES, encoded.length);
    assertEquals(keys, RatchetPublicKeys.decode(encoded));
    byte[] wrongLength = encoded.clone();
    wrongLength[0] = 31;
    for (byte[] bad : new byte[][] {null, new byte[0], Arrays.copyOf(encoded, 65),
        Arrays.copyOf(encoded, 67), wrongLength}) {
      RatchetException e =
          assertThrows(RatchetException.class, () -> RatchetPublicKeys.decode(bad));
      assertEquals(Reason.BAD_MESSAGE, e.reason());
    }
  }

  @Test
  void noToStringRevealsKeyMaterial() throws Exception {
    Parties p = Parties.connectAndGreet();
    RatchetPublicKeys pub = p.joinerKeys.publicKeys();
    String[] texts = {p.joinerKeys.toString(), pub.toString(), p.joiner.toString()};
    HexFormat hex = HexFormat.of();
    for (String text : texts) {
      assertFalse(text.contains(hex.formatHex(pub.key1()).substring(0, 8)), text);
      assertFalse(text.contains(Arrays.toString(pub.key1()).substring(0, 8)), text);
      assertEquals(true, text.contains("redacted"), text);
    }
  }

  private static byte[] encryptAndDropOne(Ratchet sender) throws RatchetException {
    sender.encrypt(utf8("dropped"), SMALL_PADDED);
    return sender.encrypt(utf8("kept"), SMALL_PADDED);
  }

  private static byte[] withChecksum(byte[] body) {
    byte[] out = Arrays.copyOf(body, body.length + 32);
    System.arraycopy(Hashes.sha256(body), 0, out, body.length, 32);
    return out;
  }

  private static void assertBadState(byte[] blob) {
    RatchetException e = assertThrows(RatchetException.class, () -> Ratchet.deserialize(blob));
    assertEquals(Reason.BAD_STATE, e.reason());
  }
}

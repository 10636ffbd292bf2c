package io.parley.protocol.ratchet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.parley.protocol.crypto.X25519;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * The test vectors of docs/ratchet.md, appendix A. They were checked against an independent
 * implementation of the document (Python, pyca/cryptography), so a change here is a change of
 * the wire format.
 */
class RatchetKnownAnswerTest {
  private static final HexFormat HEX = HexFormat.of();
  private static final String JOINER_SECOND_MESSAGE =
      "f0cb343b77b3621c63fd552ba0e0f58cfb7a893bfc13f928c858f42cfaaff2fabc088fe8" +
      "3eb4a022391c4650911c0f3ac38dff60b87b0b9fcae1a1bd71c836fc525d967186f2f611" +
      "5db60fb870d107e72c89aab7c7f7f92886492ac51ef2d1a9154096192f1dcc42f3d9d541" +
      "a5bb71535bb45ac56e6c257df59dc213e8c6bd58cca2d98c49bfaf3aab5de85a5848779e" +
      "f4fdfc5b0385cb004916512f9c83ac63d9f225a8";

  @Test
  void theInitialAgreementAndBothKdfsMatchTheDocumentedVectors() throws Exception {
    byte[] dh1 = X25519.agree(fill(0x11), X25519.publicKeyOf(fill(0x44)));
    byte[] dh2 = X25519.agree(fill(0x22), X25519.publicKeyOf(fill(0x33)));
    byte[] dh3 = X25519.agree(fill(0x22), X25519.publicKeyOf(fill(0x44)));
    Kdf.Initial initial = Kdf.initial(dh1, dh2, dh3);
    assertHex("8148ba33bf66fea6f6751a27a79342bcb4749796dd49c32b93853f12fbc1fbd5",
        initial.headerKey());
    assertHex("f942270619cc793f62480a0391dbaed71bb52c9fa5e0ee511fe13bb60b0a1393",
        initial.nextHeaderKey());
    assertHex("55f8a66d85ee046955b9f844f933276ac4a3aaf8fbd928bd199ffb0790a82ab5",
        initial.rootKey());
    Kdf.RootStep root = Kdf.root(initial.rootKey(), dh3);
    assertHex("d1d7969f0f4f66c0bfd1ea92be61abae7c8490d00bea3b7e9acc5066afe5ba7f",
        root.rootKey());
    assertHex("2aa075a885cd45661749a6a41eae5adec61e2f43f4554d9330615f469d1e8bd0",
        root.chainKey());
    assertHex("144152cd7fb0d5cf20597b861a87d87e3ee316c15befb21b830af6f39df5704b",
        root.nextHeaderKey());
    Kdf.ChainStep chain = Kdf.chain(root.chainKey());
    assertHex("5ca63e2863bd34e5c948576bf21cb51bf1091e29f10d1b2329dd9065bc6d3efc",
        chain.nextChainKey());
    assertHex("3fc5553f9151fe9a14dddca72d16af4fba0827646694f413f1666b482f032b38",
        chain.messageKey().key());
    assertHex("6c3a2a21dcf022e5c6991614", chain.messageKey().nonce());
  }

  @Test
  void theSecurityCodeMatchesTheDocumentedVector() throws Exception {
    RatchetPublicKeys inviter = pairs(0x11, 0x22).publicKeys();
    RatchetPublicKeys joiner = pairs(0x33, 0x44).publicKeys();
    assertEquals("35011 04619 68597 82706 49090 06432 47822 20171 69367 34210 02630 64628",
        SecurityCode.compute(inviter, joiner));
  }

  @Test
  void theInviterDecryptsTheDocumentedJoinerMessage() throws Exception {
    Ratchet inviter = Ratchet.initInviter(pairs(0x11, 0x22), pairs(0x33, 0x44).publicKeys());
    byte[] message = HEX.parseHex(JOINER_SECOND_MESSAGE);
    assertEquals(32 + Ratchet.OVERHEAD_BYTES, message.length);
    assertArrayEquals("parley".getBytes(StandardCharsets.US_ASCII), inviter.decrypt(message));
    assertEquals(1, inviter.skippedKeyCount());
  }

  private static X3dhKeyPairs pairs(int first, int second) throws RatchetException {
    byte[] encoded = new byte[X3dhKeyPairs.ENCODED_BYTES];
    encoded[0] = X3dhKeyPairs.FORMAT_VERSION;
    Arrays.fill(encoded, 1, 33, (byte) first);
    Arrays.fill(encoded, 33, 65, (byte) second);
    return X3dhKeyPairs.decode(encoded);
  }

  private static byte[] fill(int value) {
    byte[] b = new byte[32];
    Arrays.fill(b, (byte) value);
    return b;
  }

  private static void assertHex(String expected, byte[] actual) {
    assertEquals(expected, HEX.formatHex(actual));
  }
}

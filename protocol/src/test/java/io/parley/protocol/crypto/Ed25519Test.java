package io.parley.protocol.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class Ed25519Test {
  private static final HexFormat HEX = HexFormat.of();
  private static final byte[] RFC_SECRET =
      HEX.parseHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
  private static final byte[] RFC_PUBLIC =
      HEX.parseHex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
  private static final byte[] RFC_SIGNATURE = HEX.parseHex(
      "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155"
          + "5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b");

  @Test
  void signingMatchesRfc8032TestVectorOne() {
    assertArrayEquals(RFC_SIGNATURE, Ed25519.sign(RFC_SECRET, new byte[0]));
    assertTrue(Ed25519.verify(RFC_PUBLIC, new byte[0], RFC_SIGNATURE));
  }

  @Test
  void verifyIsFalseForAnyChangedInput() {
    Ed25519.KeyPair k = Ed25519.generate();
    byte[] msg = {1, 2, 3};
    byte[] sig = Ed25519.sign(k.privateKey(), msg);
    assertTrue(Ed25519.verify(k.publicKey(), msg, sig));
    assertFalse(Ed25519.verify(k.publicKey(), new byte[] {1, 2, 4}, sig));
    byte[] flipped = sig.clone();
    flipped[10] ^= 1;
    assertFalse(Ed25519.verify(k.publicKey(), msg, flipped));
    assertFalse(Ed25519.verify(Ed25519.generate().publicKey(), msg, sig));
  }

  @Test
  void verifyIsFalseNotAnExceptionForMalformedKeysAndSignatures() {
    byte[] msg = {1};
    byte[] sig = Ed25519.sign(Ed25519.generate().privateKey(), msg);
    byte[] notAPoint = new byte[32];
    Arrays.fill(notAPoint, (byte) 0xFF);
    assertFalse(Ed25519.verify(notAPoint, msg, sig));
    assertFalse(Ed25519.verify(new byte[31], msg, sig));
    assertFalse(Ed25519.verify(new byte[0], msg, sig));
    assertFalse(Ed25519.verify(RFC_PUBLIC, msg, new byte[63]));
    assertFalse(Ed25519.verify(RFC_PUBLIC, msg, new byte[64]));
    byte[] allOnes = new byte[64];
    Arrays.fill(allOnes, (byte) 0xFF);
    assertFalse(Ed25519.verify(RFC_PUBLIC, msg, allOnes));
  }
}

package io.parley.protocol.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class X25519Test {
  private static final HexFormat HEX = HexFormat.of();

  @Test
  void agreementMatchesTheRfc7748Vector() throws Exception {
    byte[] alice = HEX.parseHex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a");
    byte[] bobPublic =
        HEX.parseHex("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f");
    assertEquals("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a",
        HEX.formatHex(X25519.publicKeyOf(alice)));
    assertEquals("4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742",
        HEX.formatHex(X25519.agree(alice, bobPublic)));
  }

  @Test
  void bothSidesOfAFreshPairAgree() throws Exception {
    X25519.KeyPair a = X25519.generate();
    X25519.KeyPair b = X25519.generate();
    assertArrayEquals(X25519.agree(a.privateKey(), b.publicKey()),
        X25519.agree(b.privateKey(), a.publicKey()));
    assertFalse(a.toString().contains(HEX.formatHex(a.privateKey())));
  }

  /** Low-order points (and their non-canonical aliases) force an all-zero shared secret. */
  @ParameterizedTest
  @ValueSource(strings = {
      "0000000000000000000000000000000000000000000000000000000000000000",
      "0100000000000000000000000000000000000000000000000000000000000000",
      "e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800",
      "5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157",
      "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
      "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
      "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
  })
  void lowOrderPeerKeysAreRefused(String peerHex) {
    byte[] priv = X25519.generate().privateKey();
    assertThrows(CryptoException.class, () -> X25519.agree(priv, HEX.parseHex(peerHex)));
    assertTrue(X25519.isLowOrder(HEX.parseHex(peerHex)), "recognised without a private key");
  }

  /** Bit 255 is ignored by the agreement (RFC 7748), so setting it makes another alias. */
  @ParameterizedTest
  @ValueSource(strings = {
      "0000000000000000000000000000000000000000000000000000000000000080",
      "0100000000000000000000000000000000000000000000000000000000000080",
      "e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b880",
      "5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f11d7",
      "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
      "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
      "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
  })
  void lowOrderPointsWithBit255SetAreRefusedToo(String peerHex) {
    byte[] priv = X25519.generate().privateKey();
    assertThrows(CryptoException.class, () -> X25519.agree(priv, HEX.parseHex(peerHex)));
    assertTrue(X25519.isLowOrder(HEX.parseHex(peerHex)));
  }

  @Test
  void anOrdinaryPublicKeyIsNotLowOrder() {
    for (int i = 0; i < 20; i++) {
      assertFalse(X25519.isLowOrder(X25519.generate().publicKey()));
    }
  }

  @Test
  void randomBytesAreNotLowOrderAndAgreeToANonZeroSecret() throws Exception {
    SecureRandom random = new SecureRandom();
    byte[] priv = X25519.generate().privateKey();
    for (int i = 0; i < 200; i++) {
      byte[] key = new byte[X25519.KEY_BYTES];
      random.nextBytes(key);
      assertFalse(X25519.isLowOrder(key), HEX.formatHex(key));
      assertEquals(X25519.KEY_BYTES, X25519.agree(priv, key).length);
    }
  }

  /**
   * The table answers what an agreement answers: for every key one bit away from a low-order
   * encoding (a comparison that skipped a byte or a bit would call some of them low-order), and
   * for every encoding from p - 1 to 2^255 - 1 (the only non-canonical range), each with bit
   * 255 clear and set.
   */
  @Test
  void theTableAgreesWithAnAgreementOnEveryNeighbourAndEveryNonCanonicalEncoding() {
    List<byte[]> keys = new ArrayList<>();
    for (String low : List.of(
        "0000000000000000000000000000000000000000000000000000000000000000",
        "0100000000000000000000000000000000000000000000000000000000000000",
        "e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800",
        "5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157",
        "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f")) {
      for (int bit = 0; bit < 255; bit++) {
        byte[] k = HEX.parseHex(low);
        k[bit / 8] ^= (byte) (1 << (bit % 8));
        keys.add(k);
      }
    }
    for (int below = 20; below >= 1; below--) {
      byte[] k = new byte[X25519.KEY_BYTES];
      Arrays.fill(k, (byte) 0xff);
      k[0] = (byte) (0x100 - below); // 2^255 - below, bit 255 clear
      k[31] = 0x7f;
      keys.add(k);
      byte[] high = k.clone();
      high[31] = (byte) 0xff;
      keys.add(high);
    }
    byte[] probe = new byte[X25519.KEY_BYTES];
    int lowOrder = 0;
    for (byte[] k : keys) {
      boolean zero = agreementIsZero(probe, k);
      assertEquals(zero, X25519.isLowOrder(k), HEX.formatHex(k));
      lowOrder += zero ? 1 : 0;
    }
    // 0 and 1 are one bit apart, as are p - 1 and both p and p + 1; and p - 1, p, p + 1 with
    // bit 255 clear and set in the non-canonical range.
    assertEquals(10, lowOrder, "low-order keys among the probes");
  }

  private static boolean agreementIsZero(byte[] priv, byte[] pub) {
    try {
      X25519.agree(priv, pub);
      return false;
    } catch (CryptoException e) {
      return true;
    }
  }

  @Test
  void keysOfTheWrongLengthAreRefused() {
    byte[] priv = X25519.generate().privateKey();
    assertTrue(X25519.isLowOrder(new byte[31]), "a short key is never usable");
    assertTrue(X25519.isLowOrder(new byte[33]), "a long key is never usable");
    assertThrows(CryptoException.class, () -> X25519.agree(priv, new byte[31]));
    assertThrows(CryptoException.class, () -> X25519.agree(new byte[33], priv));
  }
}

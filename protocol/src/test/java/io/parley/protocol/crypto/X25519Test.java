package io.parley.protocol.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
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

  @Test
  void anOrdinaryPublicKeyIsNotLowOrder() {
    for (int i = 0; i < 20; i++) {
      assertFalse(X25519.isLowOrder(X25519.generate().publicKey()));
    }
  }

  @Test
  void keysOfTheWrongLengthAreRefused() {
    byte[] priv = X25519.generate().privateKey();
    assertThrows(CryptoException.class, () -> X25519.agree(priv, new byte[31]));
    assertThrows(CryptoException.class, () -> X25519.agree(new byte[33], priv));
  }
}

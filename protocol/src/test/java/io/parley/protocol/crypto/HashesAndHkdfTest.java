package io.parley.protocol.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class HashesAndHkdfTest {
  private static final HexFormat HEX = HexFormat.of();

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  @Test
  void sha256OfAbcMatchesFips180Vector() {
    assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
        HEX.formatHex(Hashes.sha256(ascii("abc"))));
    assertArrayEquals(Hashes.sha256(ascii("abc")), Hashes.sha256(ascii("a"), ascii("bc")));
  }

  @Test
  void hmacSha256MatchesRfc4231TestCaseTwo() {
    assertEquals("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
        HEX.formatHex(Hashes.hmacSha256(ascii("Jefe"), ascii("what do ya want for nothing?"))));
  }

  @Test
  void constantTimeEqualsComparesContentAndLength() {
    assertTrue(Hashes.constantTimeEquals(new byte[] {1, 2}, new byte[] {1, 2}));
    assertFalse(Hashes.constantTimeEquals(new byte[] {1, 2}, new byte[] {1, 3}));
    assertFalse(Hashes.constantTimeEquals(new byte[] {1, 2}, new byte[] {1, 2, 0}));
  }

  @Test
  void hkdfSha512MatchesAnExtractThenExpandComputedWithJdkHmac() throws Exception {
    byte[] salt = SecureRandoms.bytes(32);
    byte[] ikm = SecureRandoms.bytes(32);
    byte[] info = ascii("parley-test");
    assertArrayEquals(referenceHkdf(salt, ikm, info, 80), Hkdf.sha512(salt, ikm, info, 80));
  }

  @Test
  void hkdfWithAnEmptySaltUsesHashLengthZerosAsRfc5869Says() throws Exception {
    byte[] ikm = SecureRandoms.bytes(32);
    byte[] info = ascii("x");
    assertArrayEquals(referenceHkdf(new byte[64], ikm, info, 32),
        Hkdf.sha512(new byte[0], ikm, info, 32));
    assertArrayEquals(Hkdf.sha512(new byte[0], ikm, info, 32), Hkdf.sha512(new byte[0], ikm,
        "x", 32));
  }

  /** RFC 5869 written out with the JDK's HMAC-SHA512, as an independent reference. */
  private static byte[] referenceHkdf(byte[] salt, byte[] ikm, byte[] info, int length)
      throws Exception {
    Mac mac = Mac.getInstance("HmacSHA512");
    mac.init(new SecretKeySpec(salt, "HmacSHA512"));
    byte[] prk = mac.doFinal(ikm);
    mac.init(new SecretKeySpec(prk, "HmacSHA512"));
    byte[] out = new byte[0];
    byte[] t = new byte[0];
    for (int i = 1; out.length < length; i++) {
      mac.update(t);
      mac.update(info);
      mac.update((byte) i);
      t = mac.doFinal();
      byte[] next = Arrays.copyOf(out, out.length + t.length);
      System.arraycopy(t, 0, next, out.length, t.length);
      out = next;
    }
    return Arrays.copyOf(out, length);
  }
}

package io.parley.protocol.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;
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

  @Test
  void hkdfSha512AgreesWithBouncyCastlesHkdfForOutputsOfOneToSeveralBlocks() {
    for (int length : new int[] {0, 1, 32, 63, 64, 65, 96, 192, 1000}) {
      byte[] salt = SecureRandoms.bytes(length % 3 == 0 ? 0 : 48);
      byte[] ikm = SecureRandoms.bytes(32);
      byte[] info = ascii("parley-" + length);
      HKDFBytesGenerator bc = new HKDFBytesGenerator(new SHA512Digest());
      bc.init(new HKDFParameters(ikm, salt.length == 0 ? null : salt, info));
      byte[] expected = new byte[length];
      bc.generateBytes(expected, 0, length);
      assertArrayEquals(expected, Hkdf.sha512(salt, ikm, info, length), "length " + length);
    }
  }

  @Test
  void hkdfRefusesAnOutputLongerThanRfc5869Allows() {
    assertThrows(IllegalArgumentException.class,
        () -> Hkdf.sha512(new byte[0], new byte[32], "x", Hkdf.MAX_OUTPUT_BYTES + 1));
  }

  @Test
  void hashesGiveTheSameResultsOnManyThreadsAtOnce() throws Exception {
    byte[] data = SecureRandoms.bytes(1000);
    byte[] key = SecureRandoms.bytes(32);
    byte[] sha = Hashes.sha256(data);
    byte[] mac = Hashes.hmacSha256(key, data);
    byte[] okm = Hkdf.sha512(key, data, "t", 64);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        results.add(pool.submit(() -> Arrays.equals(sha, Hashes.sha256(data))
            && Arrays.equals(mac, Hashes.hmacSha256(key, data))
            && Arrays.equals(okm, Hkdf.sha512(key, data, "t", 64))));
      }
      for (Future<Boolean> r : results) {
        assertTrue(r.get(30, TimeUnit.SECONDS));
      }
    } finally {
      pool.shutdownNow();
    }
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

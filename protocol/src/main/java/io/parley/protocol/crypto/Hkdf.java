package io.parley.protocol.crypto;

import java.nio.charset.StandardCharsets;
import javax.crypto.Mac;

/**
 * HKDF-SHA512 (RFC 5869) over the JDK's HmacSHA512, whose SHA-512 is an intrinsic where the CPU
 * allows: the ratchet runs it for every message, and BouncyCastle's pure-Java digest made it a
 * visible share of an agent's CPU. Tests check it against BouncyCastle's HKDF. Thread-safe: each
 * thread reuses its own MAC object.
 */
public final class Hkdf {
  /** SHA-512 output. UNIT: bytes. */
  static final int HASH_BYTES = 64;
  /** RFC 5869's limit on the output: 255 blocks. UNIT: bytes. */
  public static final int MAX_OUTPUT_BYTES = 255 * HASH_BYTES;

  private static final byte[] ZERO_SALT = new byte[HASH_BYTES];
  private static final ThreadLocal<Mac> HMAC_SHA512 =
      ThreadLocal.withInitial(() -> Macs.newMac("HmacSHA512"));

  private Hkdf() {}

  /** Extract-then-expand; an empty salt means HashLen zero bytes, as the RFC says. */
  public static byte[] sha512(byte[] salt, byte[] ikm, byte[] info, int length) {
    if (length < 0 || length > MAX_OUTPUT_BYTES) {
      throw new IllegalArgumentException("HKDF-SHA512 output must be 0.." + MAX_OUTPUT_BYTES
          + " bytes");
    }
    Mac mac = HMAC_SHA512.get();
    byte[] prk = Macs.mac(mac, salt.length == 0 ? ZERO_SALT : salt, ikm);
    byte[] out = new byte[length];
    byte[] block = new byte[0];
    int done = 0;
    for (int i = 1; done < length; i++) {
      block = Macs.mac(mac, prk, block, info, new byte[] {(byte) i});
      int n = Math.min(block.length, length - done);
      System.arraycopy(block, 0, out, done, n);
      done += n;
    }
    return out;
  }

  public static byte[] sha512(byte[] salt, byte[] ikm, String info, int length) {
    return sha512(salt, ikm, info.getBytes(StandardCharsets.US_ASCII), length);
  }
}

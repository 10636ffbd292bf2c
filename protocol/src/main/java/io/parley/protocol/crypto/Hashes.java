package io.parley.protocol.crypto;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;

/**
 * SHA-256 and HMAC-SHA256 from the JDK (SHA-NI intrinsics), and a constant-time compare.
 * Thread-safe: each thread reuses its own digest and MAC objects, since looking them up per call
 * cost more than hashing a message.
 */
public final class Hashes {
  private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  });
  private static final ThreadLocal<Mac> HMAC_SHA256 =
      ThreadLocal.withInitial(() -> Macs.newMac("HmacSHA256"));

  private Hashes() {}

  public static byte[] sha256(byte[]... parts) {
    MessageDigest md = SHA256.get();
    md.reset(); // a caller's exception may have left it mid-hash
    for (byte[] p : parts) {
      md.update(p);
    }
    return md.digest();
  }

  public static byte[] hmacSha256(byte[] key, byte[] data) {
    return Macs.mac(HMAC_SHA256.get(), key, data);
  }

  /** Compares in time independent of where the inputs differ. */
  public static boolean constantTimeEquals(byte[] a, byte[] b) {
    return MessageDigest.isEqual(a, b);
  }
}

package io.parley.protocol.ratchet;

import io.parley.protocol.crypto.Hkdf;
import java.util.Arrays;

/**
 * The security code two people compare out of band to rule out a man in the middle
 * (docs/ratchet.md, section 9): 12 groups of 5 decimal digits derived from both sides' initial
 * public keys. It does not depend on which side computes it, so it matches in an honest run and
 * differs if either side's keys were replaced in transit. Stateless and thread-safe.
 */
public final class SecurityCode {
  /** Groups in the rendered code. */
  public static final int GROUPS = 12;
  /** Decimal digits per group. */
  public static final int DIGITS_PER_GROUP = 5;
  static final String INFO = "parley-security-code-v1";
  /** Hash bytes per group: 40 bits taken mod 10^5, a bias below 1e-7. UNIT: bytes. */
  private static final int BYTES_PER_GROUP = 5;
  private static final int GROUP_MODULUS = 100_000;
  private static final byte[] NO_SALT = new byte[0];

  private SecurityCode() {}

  /**
   * The code for a connection between {@code own} and {@code peer}; {@code compute(a, b)}
   * equals {@code compute(b, a)}. Rendered as groups separated by single spaces.
   */
  public static String compute(RatchetPublicKeys own, RatchetPublicKeys peer) {
    byte[] a = own.encode();
    byte[] b = peer.encode();
    // Sorting the two encodings makes the code independent of which side computes it.
    boolean ownFirst = Arrays.compareUnsigned(a, b) <= 0;
    byte[] ikm = new byte[a.length + b.length];
    System.arraycopy(ownFirst ? a : b, 0, ikm, 0, a.length);
    System.arraycopy(ownFirst ? b : a, 0, ikm, a.length, b.length);
    byte[] hash = Hkdf.sha512(NO_SALT, ikm, INFO, GROUPS * BYTES_PER_GROUP);
    StringBuilder out = new StringBuilder(GROUPS * (DIGITS_PER_GROUP + 1));
    for (int g = 0; g < GROUPS; g++) {
      long v = 0;
      for (int i = 0; i < BYTES_PER_GROUP; i++) {
        v = (v << 8) | (hash[g * BYTES_PER_GROUP + i] & 0xFF);
      }
      if (g > 0) {
        out.append(' ');
      }
      out.append(String.format("%05d", v % GROUP_MODULUS));
    }
    return out.toString();
  }
}

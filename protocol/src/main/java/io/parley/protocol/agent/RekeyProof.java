package io.parley.protocol.agent;

import io.parley.protocol.crypto.Hashes;
import java.nio.charset.StandardCharsets;

/**
 * The MAC that binds a re-key answer to its link (docs/agent-protocol.md, re-key):
 * {@code HMAC-SHA256(key = link secret, "parley-rekey-v1" ‖ handle ‖ linkKeys ‖ answerKeys)},
 * where both key sets are encoded as {@code short(key1) ‖ short(key2)}; on a post-quantum
 * connection {@code ‖ linkKemKey ‖ kemCiphertext} follow (both of fixed length). Only someone
 * who saw the link can make it, so a relay (even one that holds the old ratchet) cannot
 * substitute the answer's keys. Stateless.
 */
public final class RekeyProof {
  /** UNIT: bytes. */
  public static final int MAC_BYTES = 32;
  private static final byte[] LABEL = "parley-rekey-v1".getBytes(StandardCharsets.US_ASCII);

  private RekeyProof() {}

  public static byte[] mac(byte[] secret, byte[] handle, byte[] linkKeys, byte[] answerKeys) {
    return mac(secret, handle, linkKeys, answerKeys, new byte[0], new byte[0]);
  }

  /**
   * The MAC of a post-quantum answer: the link's KEM key and the answer's KEM ciphertext are
   * bound too, so neither can be swapped for one whose secret someone else holds.
   */
  public static byte[] mac(byte[] secret, byte[] handle, byte[] linkKeys, byte[] answerKeys,
      byte[] linkKemKey, byte[] kemCiphertext) {
    byte[][] parts = {LABEL, handle, linkKeys, answerKeys, linkKemKey, kemCiphertext};
    int size = 0;
    for (byte[] part : parts) {
      size += part.length;
    }
    byte[] data = new byte[size];
    int at = 0;
    for (byte[] part : parts) {
      System.arraycopy(part, 0, data, at, part.length);
      at += part.length;
    }
    return Hashes.hmacSha256(secret, data);
  }

  /** Whether {@code mac} is the right one, compared in constant time. */
  public static boolean verify(byte[] mac, byte[] secret, byte[] handle, byte[] linkKeys,
      byte[] answerKeys) {
    return Hashes.constantTimeEquals(mac, mac(secret, handle, linkKeys, answerKeys));
  }

  /** Whether {@code mac} is the right one for a post-quantum answer, in constant time. */
  public static boolean verify(byte[] mac, byte[] secret, byte[] handle, byte[] linkKeys,
      byte[] answerKeys, byte[] linkKemKey, byte[] kemCiphertext) {
    return Hashes.constantTimeEquals(mac,
        mac(secret, handle, linkKeys, answerKeys, linkKemKey, kemCiphertext));
  }
}

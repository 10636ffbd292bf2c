package io.parley.protocol.agent;

import io.parley.protocol.crypto.Hashes;
import java.nio.charset.StandardCharsets;

/**
 * The MAC that binds a re-key answer to its link (docs/agent-protocol.md, re-key):
 * {@code HMAC-SHA256(key = link secret, "parley-rekey-v1" ‖ handle ‖ linkKeys ‖ answerKeys)},
 * where both key sets are encoded as {@code short(key1) ‖ short(key2)}. Only someone who saw
 * the link can make it, so a relay (even one that holds the old ratchet) cannot substitute the
 * answer's keys. Stateless.
 */
public final class RekeyProof {
  /** UNIT: bytes. */
  public static final int MAC_BYTES = 32;
  private static final byte[] LABEL = "parley-rekey-v1".getBytes(StandardCharsets.US_ASCII);

  private RekeyProof() {}

  public static byte[] mac(byte[] secret, byte[] handle, byte[] linkKeys, byte[] answerKeys) {
    byte[] data = new byte[LABEL.length + handle.length + linkKeys.length + answerKeys.length];
    int at = 0;
    for (byte[] part : new byte[][] {LABEL, handle, linkKeys, answerKeys}) {
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
}

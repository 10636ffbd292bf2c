package io.parley.agent.internal.handshake;

import io.parley.protocol.crypto.MlKem;
import io.parley.protocol.ratchet.RatchetException;
import io.parley.protocol.ratchet.RatchetPublicKeys;
import java.util.Arrays;

/**
 * The peer's initial public keys as a joiner keeps them (the {@code peer_ratchet_keys} column)
 * from joining until its ratchet starts: the inviter's X3DH keys, then its ML-KEM key when the
 * link offered the hybrid ratchet and this agent accepts it. No column is added: the length
 * tells the two forms apart.
 *
 * @param kemKey the inviter's ML-KEM-768 public key, or null for a classic join
 */
record PeerKeys(RatchetPublicKeys x3dh, byte[] kemKey) {

  static byte[] encode(RatchetPublicKeys x3dh, byte[] kemKey) {
    byte[] keys = x3dh.encode();
    if (kemKey == null) {
      return keys;
    }
    byte[] out = Arrays.copyOf(keys, keys.length + kemKey.length);
    System.arraycopy(kemKey, 0, out, keys.length, kemKey.length);
    return out;
  }

  static PeerKeys decode(byte[] b) throws RatchetException {
    if (b != null && b.length == RatchetPublicKeys.ENCODED_BYTES + MlKem.PUBLIC_KEY_BYTES) {
      return new PeerKeys(
          RatchetPublicKeys.decode(Arrays.copyOf(b, RatchetPublicKeys.ENCODED_BYTES)),
          Arrays.copyOfRange(b, RatchetPublicKeys.ENCODED_BYTES, b.length));
    }
    return new PeerKeys(RatchetPublicKeys.decode(b), null);
  }
}

package io.parley.protocol.ratchet;

import io.parley.protocol.codec.CodecException;
import io.parley.protocol.codec.Decoder;
import io.parley.protocol.codec.Encoder;
import io.parley.protocol.crypto.CryptoException;
import io.parley.protocol.crypto.Hashes;
import io.parley.protocol.crypto.MlKem;
import io.parley.protocol.crypto.X25519;
import java.util.Arrays;

/**
 * The mutable double-ratchet state of one connection, with the field names of the Signal
 * specification (docs/ratchet.md, section 5), and its storage encoding (section 8). Nullable
 * fields are absent until the first message in that direction. Byte arrays are replaced, never
 * written into, so {@link #copy()} can share them. Not thread-safe.
 */
final class RatchetState {
  /** First byte of the stored blob. */
  static final int FORMAT_VERSION = 1;
  /** First byte of the stored blob of a hybrid (post-quantum) ratchet. */
  static final int PQ_FORMAT_VERSION = 2;
  /** Associated data: joiner key 1 then inviter key 1. UNIT: bytes. */
  static final int AD_BYTES = 2 * X25519.KEY_BYTES;
  /** Trailing SHA-256 of the blob, so a damaged blob is refused rather than misread. */
  private static final int CHECKSUM_BYTES = 32;

  byte[] dhsPrivate;
  byte[] dhsPublic;
  byte[] dhr;
  byte[] rootKey;
  byte[] sendingChainKey;
  byte[] receivingChainKey;
  long sent;
  long received;
  long previousSent;
  byte[] sendingHeaderKey;
  byte[] receivingHeaderKey;
  byte[] nextSendingHeaderKey;
  byte[] nextReceivingHeaderKey;
  byte[] associatedData;
  SkippedKeys skipped = new SkippedKeys();
  /** Whether this is the hybrid ratchet (docs/ratchet.md, section 12); the KEM fields below. */
  boolean pq;
  /**
   * Own current ML-KEM private key; its public key, which goes in every header sent, is read
   * out of it when needed rather than kept twice (1,184 bytes per connection held in memory).
   */
  byte[] kemsPrivate;
  /** Peer's current ML-KEM public key; absent for the inviter until its first receive. */
  byte[] kemr;
  /** Ciphertext that seeded the current sending chain; absent in the joiner's first chain. */
  byte[] kemCiphertext;

  RatchetState copy() {
    RatchetState c = new RatchetState();
    c.dhsPrivate = dhsPrivate;
    c.dhsPublic = dhsPublic;
    c.dhr = dhr;
    c.rootKey = rootKey;
    c.sendingChainKey = sendingChainKey;
    c.receivingChainKey = receivingChainKey;
    c.sent = sent;
    c.received = received;
    c.previousSent = previousSent;
    c.sendingHeaderKey = sendingHeaderKey;
    c.receivingHeaderKey = receivingHeaderKey;
    c.nextSendingHeaderKey = nextSendingHeaderKey;
    c.nextReceivingHeaderKey = nextReceivingHeaderKey;
    c.associatedData = associatedData;
    c.skipped = skipped.copy();
    c.pq = pq;
    c.kemsPrivate = kemsPrivate;
    c.kemr = kemr;
    c.kemCiphertext = kemCiphertext;
    return c;
  }

  byte[] encode() {
    Encoder e = new Encoder(512 + (pq ? 4_700 : 0)
        + skipped.size() * (4 + MessageKey.ENCODED_BYTES));
    e.u8(pq ? PQ_FORMAT_VERSION : FORMAT_VERSION).raw(dhsPrivate).raw(dhsPublic);
    optional(e, dhr);
    e.raw(rootKey);
    optional(e, sendingChainKey);
    optional(e, receivingChainKey);
    e.u32(sent).u32(received).u32(previousSent);
    optional(e, sendingHeaderKey);
    optional(e, receivingHeaderKey);
    e.raw(nextSendingHeaderKey).raw(nextReceivingHeaderKey).raw(associatedData);
    if (pq) {
      e.raw(kemsPrivate);
      optional(e, kemr);
      optional(e, kemCiphertext);
    }
    skipped.encode(e);
    byte[] body = e.toByteArray();
    return e.raw(Hashes.sha256(body)).toByteArray();
  }

  static RatchetState decode(byte[] blob) throws RatchetException {
    if (blob == null || blob.length < 1 + CHECKSUM_BYTES) {
      throw new RatchetException(RatchetException.Reason.BAD_STATE, "state blob too short");
    }
    byte[] body = Arrays.copyOf(blob, blob.length - CHECKSUM_BYTES);
    byte[] checksum = Arrays.copyOfRange(blob, body.length, blob.length);
    if (!Arrays.equals(Hashes.sha256(body), checksum)) {
      throw new RatchetException(RatchetException.Reason.BAD_STATE, "state checksum mismatch");
    }
    int format = body[0] & 0xFF;
    if (format != FORMAT_VERSION && format != PQ_FORMAT_VERSION) {
      throw new RatchetException(
          RatchetException.Reason.BAD_STATE, "unknown state format " + format);
    }
    try {
      RatchetState s = decodeFields(new Decoder(body, 1, body.length - 1),
          format == PQ_FORMAT_VERSION);
      s.checkConsistent();
      return s;
    } catch (CodecException | CryptoException e) {
      throw new RatchetException(RatchetException.Reason.BAD_STATE, "malformed state", e);
    }
  }

  /** Own current ML-KEM public key (pq states only). */
  byte[] kemsPublic() throws RatchetException {
    try {
      return MlKem.publicKeyOf(kemsPrivate);
    } catch (CryptoException e) {
      throw new RatchetException(RatchetException.Reason.BAD_STATE, "no ML-KEM key", e);
    }
  }

  private static RatchetState decodeFields(Decoder d, boolean pq)
      throws CodecException, CryptoException {
    RatchetState s = new RatchetState();
    s.dhsPrivate = d.bytes(X25519.KEY_BYTES);
    s.dhsPublic = d.bytes(X25519.KEY_BYTES);
    s.dhr = optional(d, X25519.KEY_BYTES);
    s.rootKey = d.bytes(Kdf.KEY_BYTES);
    s.sendingChainKey = optional(d, Kdf.KEY_BYTES);
    s.receivingChainKey = optional(d, Kdf.KEY_BYTES);
    s.sent = d.u32();
    s.received = d.u32();
    s.previousSent = d.u32();
    s.sendingHeaderKey = optional(d, Kdf.KEY_BYTES);
    s.receivingHeaderKey = optional(d, Kdf.KEY_BYTES);
    s.nextSendingHeaderKey = d.bytes(Kdf.KEY_BYTES);
    s.nextReceivingHeaderKey = d.bytes(Kdf.KEY_BYTES);
    s.associatedData = d.bytes(AD_BYTES);
    s.pq = pq;
    if (pq) {
      s.kemsPrivate = d.bytes(MlKem.PRIVATE_KEY_BYTES);
      s.kemr = optional(d, MlKem.PUBLIC_KEY_BYTES);
      s.kemCiphertext = optional(d, MlKem.CIPHERTEXT_BYTES);
    }
    s.skipped = SkippedKeys.decode(d);
    d.end();
    return s;
  }

  /**
   * Fields that only exist together must be present together, and the current receiving chain
   * must be the newest tracked one, as the ratchet step leaves it.
   */
  private void checkConsistent() throws RatchetException {
    boolean sending = sendingChainKey != null;
    boolean receiving = receivingChainKey != null;
    byte[] newestTracked = skipped.newestHeaderKey();
    boolean trackedAsNewest = receiving
        ? Arrays.equals(newestTracked, receivingHeaderKey)
        : newestTracked == null;
    if (sending != (sendingHeaderKey != null)
        || receiving != (receivingHeaderKey != null)
        || (receiving && dhr == null)
        || !trackedAsNewest) {
      throw new RatchetException(RatchetException.Reason.BAD_STATE, "inconsistent state");
    }
  }

  private static void optional(Encoder e, byte[] v) {
    e.bool(v != null);
    if (v != null) {
      e.raw(v);
    }
  }

  private static byte[] optional(Decoder d, int length) throws CodecException {
    return d.bool() ? d.bytes(length) : null;
  }
}

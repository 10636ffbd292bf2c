package io.parley.protocol.ratchet;

import io.parley.protocol.codec.CodecException;
import io.parley.protocol.codec.Decoder;
import io.parley.protocol.codec.Encoder;
import io.parley.protocol.codec.Padding;
import io.parley.protocol.crypto.Aead;
import io.parley.protocol.crypto.CryptoException;
import io.parley.protocol.crypto.X25519;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * A ratchet message header (docs/ratchet.md, section 4): the sender's ratchet public key, the
 * length of its previous sending chain (PN) and this message's number in the current one (N).
 * It is padded to {@value #PADDED_BYTES} bytes and sealed under a header key, so the relay and
 * anyone else see neither the ratchet key nor the counters.
 */
record Header(byte[] ratchetKey, long previousChainLength, long number) {
  /** Version of the header layout and of the ratchet as a whole. */
  static final int VERSION = 1;
  /** version u16, ratchet key, PN u32, N u32. UNIT: bytes. */
  static final int CONTENT_BYTES = 2 + X25519.KEY_BYTES + 4 + 4;
  /** Header plaintext after padding; the slack leaves room for later fields. UNIT: bytes. */
  static final int PADDED_BYTES = 88;
  /** Sealed header on the wire: nonce, padded header, tag. UNIT: bytes. */
  static final int SEALED_BYTES = Aead.NONCE_BYTES + PADDED_BYTES + Aead.TAG_BYTES;
  /** Largest PN or N a header can carry. */
  static final long MAX_COUNTER = 0xFFFF_FFFFL;

  /** Pads and seals this header under {@code headerKey} with a fresh random nonce. */
  byte[] seal(byte[] headerKey, byte[] associatedData, SecureRandom random) {
    byte[] content = new Encoder(CONTENT_BYTES)
        .u16(VERSION)
        .raw(ratchetKey)
        .u32(previousChainLength)
        .u32(number)
        .toByteArray();
    byte[] nonce = new byte[Aead.NONCE_BYTES];
    random.nextBytes(nonce);
    byte[] sealed = Aead.seal(headerKey, nonce, associatedData, Padding.pad(content, PADDED_BYTES));
    return new Encoder(SEALED_BYTES).raw(nonce).raw(sealed).toByteArray();
  }

  /**
   * Opens a sealed header (the first {@value #SEALED_BYTES} bytes of {@code message}). Returns
   * null when it does not authenticate under {@code headerKey}, so the caller can try the next
   * key; an authentic header that does not parse is {@code BAD_HEADER}.
   */
  static Header open(byte[] headerKey, byte[] associatedData, byte[] message)
      throws RatchetException {
    byte[] nonce = Arrays.copyOfRange(message, 0, Aead.NONCE_BYTES);
    byte[] sealed = Arrays.copyOfRange(message, Aead.NONCE_BYTES, SEALED_BYTES);
    byte[] padded;
    try {
      padded = Aead.open(headerKey, nonce, associatedData, sealed);
    } catch (CryptoException e) {
      return null;
    }
    try {
      Decoder d = new Decoder(Padding.unpad(padded));
      int version = d.u16();
      if (version != VERSION) {
        throw new RatchetException(
            RatchetException.Reason.BAD_HEADER, "unsupported ratchet version " + version);
      }
      Header h = new Header(d.bytes(X25519.KEY_BYTES), d.u32(), d.u32());
      d.end();
      return h;
    } catch (CodecException e) {
      throw new RatchetException(RatchetException.Reason.BAD_HEADER, "malformed header", e);
    }
  }

  @Override
  public String toString() {
    return "Header[pn=" + previousChainLength + ", n=" + number + "]";
  }
}

package io.parley.relay.server;

import io.netty.buffer.ByteBuf;
import io.parley.protocol.ProtocolLimits;
import io.parley.protocol.codec.Padding;
import io.parley.protocol.crypto.Aead;
import io.parley.relay.store.StoredMessage;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Writes a MSG event straight into an outbound block: the same bytes as encoding
 * {@code Response.Msg(msgId, DeliveryCrypto.seal(key, msgId, DeliveredMessage.encodePadded()))}
 * in a {@code Transmission.event}, but the padded plaintext is sealed into the block piece by
 * piece (header, stored body, padding), saving a dozen 16 KB copies per message
 * (docs/protocol.md section 7).
 *
 * <p>One instance per event loop thread (it reuses a cipher); not thread-safe.
 */
final class DeliveryEncoder {
  private static final byte[] MSG_TAG = "MSG ".getBytes(StandardCharsets.US_ASCII);
  private static final int KIND_MESSAGE = 'M';
  private static final int KIND_QUOTA = 'Q';
  /** Timestamp, kind and notify flag before the body. UNIT: bytes. */
  private static final int HEADER_BYTES = 8 + 1 + 1;
  /** Size of the encrypted body of every MSG. UNIT: bytes. */
  static final int SEALED_BYTES = ProtocolLimits.DELIVERY_PADDED_BYTES + Aead.TAG_BYTES;
  /** Size of every MSG transmission: empty auth and corrId, the queue id, tag, id, body. */
  static final int TRANSMISSION_BYTES = 1 + 1 + 1 + ProtocolLimits.ID_BYTES + MSG_TAG.length
      + 1 + ProtocolLimits.ID_BYTES + SEALED_BYTES;

  /** Padding source: the fill byte, as much as a message can need. */
  private static final byte[] FILL = new byte[ProtocolLimits.DELIVERY_PADDED_BYTES];

  static {
    Arrays.fill(FILL, Padding.FILL);
  }

  private static final ThreadLocal<DeliveryEncoder> PER_THREAD =
      ThreadLocal.withInitial(DeliveryEncoder::new);

  /** The padded plaintext's length prefix, timestamp, kind and flag; reused. */
  private final byte[] header = new byte[Padding.PREFIX_BYTES + HEADER_BYTES];
  private Cipher cipher;

  static DeliveryEncoder forThisThread() {
    return PER_THREAD.get();
  }

  /** Appends the MSG transmission (without its length prefix) to {@code block}. */
  void write(ByteBuf block, byte[] recipientId, StoredMessage m, byte[] deliveryKey) {
    block.writeByte(0).writeByte(0).writeByte(recipientId.length).writeBytes(recipientId)
        .writeBytes(MSG_TAG).writeByte(m.msgId().length).writeBytes(m.msgId());
    block.ensureWritable(SEALED_BYTES);
    byte[] body = m.body();
    int fill = ProtocolLimits.DELIVERY_PADDED_BYTES - header.length - body.length;
    layOutHeader(m);
    byte[] out = block.array();
    int at = block.arrayOffset() + block.writerIndex();
    try {
      // pad(i64 ts ‖ kind ‖ notify ‖ body, 16012) sealed piece by piece: header, the stored
      // body where it lies, then the padding, so the 16 KB body is never copied to be sealed.
      Cipher c = init(deliveryKey, m.msgId());
      int n = c.update(header, 0, header.length, out, at);
      n += c.update(body, 0, body.length, out, at + n);
      n += c.doFinal(FILL, 0, fill, out, at + n);
      block.writerIndex(block.writerIndex() + n);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM failed", e);
    }
  }

  /** Lays out the plaintext's length prefix and the fields before the body. */
  private void layOutHeader(StoredMessage m) {
    int content = HEADER_BYTES + m.body().length;
    byte[] p = header;
    p[0] = (byte) (content >>> 8);
    p[1] = (byte) content;
    long ts = m.timestamp();
    for (int i = 0; i < 8; i++) {
      p[2 + i] = (byte) (ts >>> (56 - 8 * i));
    }
    p[10] = (byte) (m.quotaMarker() ? KIND_QUOTA : KIND_MESSAGE);
    p[11] = (byte) (m.notifyFlag() ? 'T' : 'F');
  }

  private Cipher init(byte[] key, byte[] msgId) throws GeneralSecurityException {
    SecretKeySpec k = new SecretKeySpec(key, "AES");
    GCMParameterSpec nonce = new GCMParameterSpec(Aead.TAG_BYTES * 8, msgId, 0, Aead.NONCE_BYTES);
    if (cipher == null) {
      cipher = Cipher.getInstance("AES/GCM/NoPadding");
    }
    try {
      cipher.init(Cipher.ENCRYPT_MODE, k, nonce);
    } catch (InvalidAlgorithmParameterException sameKeyAndNonce) {
      // A redelivery seals the same plaintext under the same nonce (identical ciphertext, no
      // leak), but JCE refuses to re-init with the previous key and nonce: use a fresh cipher.
      cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, k, nonce);
    }
    cipher.updateAAD(msgId);
    return cipher;
  }
}

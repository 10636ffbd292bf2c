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
 * in a {@code Transmission.event}, but the padded plaintext is built in a reused buffer and
 * sealed into the block, saving a dozen 16 KB copies per message (docs/protocol.md section 7).
 *
 * <p>One instance per event loop thread (it reuses a buffer and a cipher); not thread-safe.
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

  private static final ThreadLocal<DeliveryEncoder> PER_THREAD =
      ThreadLocal.withInitial(DeliveryEncoder::new);

  private final byte[] plaintext = new byte[ProtocolLimits.DELIVERY_PADDED_BYTES];
  private Cipher cipher;

  static DeliveryEncoder forThisThread() {
    return PER_THREAD.get();
  }

  /** Appends the MSG transmission (without its length prefix) to {@code block}. */
  void write(ByteBuf block, byte[] recipientId, StoredMessage m, byte[] deliveryKey) {
    block.writeByte(0).writeByte(0).writeByte(recipientId.length).writeBytes(recipientId)
        .writeBytes(MSG_TAG).writeByte(m.msgId().length).writeBytes(m.msgId());
    int plainLength = pad(m);
    block.ensureWritable(SEALED_BYTES);
    int at = block.arrayOffset() + block.writerIndex();
    try {
      int n = init(deliveryKey, m.msgId()).doFinal(plaintext, 0, plainLength, block.array(), at);
      block.writerIndex(block.writerIndex() + n);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM failed", e);
    }
  }

  /** Lays out pad(i64 ts ‖ kind ‖ notify ‖ body, 16012) in the reused buffer. */
  private int pad(StoredMessage m) {
    byte[] body = m.body();
    int content = HEADER_BYTES + body.length;
    byte[] p = plaintext;
    p[0] = (byte) (content >>> 8);
    p[1] = (byte) content;
    long ts = m.timestamp();
    for (int i = 0; i < 8; i++) {
      p[2 + i] = (byte) (ts >>> (56 - 8 * i));
    }
    p[10] = (byte) (m.quotaMarker() ? KIND_QUOTA : KIND_MESSAGE);
    p[11] = (byte) (m.notifyFlag() ? 'T' : 'F');
    System.arraycopy(body, 0, p, 2 + HEADER_BYTES, body.length);
    Arrays.fill(p, 2 + content, p.length, Padding.FILL);
    return p.length;
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

package io.parley.bench.relay;

import io.parley.protocol.ProtocolLimits;
import io.parley.protocol.command.Response;
import io.parley.protocol.crypto.Aead;
import io.parley.protocol.crypto.CryptoException;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The load tool's recipient-side decryption: the same AES-GCM open as
 * {@code ClientQueue.open} (which the tests use), into a reused buffer with a reused cipher,
 * reading only the sender's timestamp at the start of the body. Keeps the measuring clients
 * cheap. One per recipient thread; not thread-safe.
 */
final class MessageOpener {
  /** Length prefix, relay timestamp, kind and notify flag before the body. UNIT: bytes. */
  private static final int BODY_OFFSET = 2 + 8 + 1 + 1;

  private final byte[] plaintext = new byte[ProtocolLimits.DELIVERY_PADDED_BYTES];
  private final Cipher cipher;

  MessageOpener() throws GeneralSecurityException {
    cipher = Cipher.getInstance("AES/GCM/NoPadding");
  }

  /** Decrypts {@code m} and returns the 8-byte value the sender put first in the body. */
  long senderTimestamp(byte[] deliveryKey, Response.Msg m) throws CryptoException {
    try {
      cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(deliveryKey, "AES"),
          new GCMParameterSpec(Aead.TAG_BYTES * 8, m.msgId(), 0, Aead.NONCE_BYTES));
      cipher.updateAAD(m.msgId());
      cipher.doFinal(m.encBody(), 0, m.encBody().length, plaintext, 0);
    } catch (GeneralSecurityException e) {
      throw new CryptoException("MSG does not decrypt", e);
    }
    return ByteBuffer.wrap(plaintext).getLong(BODY_OFFSET);
  }
}

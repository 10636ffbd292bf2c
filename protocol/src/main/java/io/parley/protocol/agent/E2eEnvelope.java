package io.parley.protocol.agent;

import io.parley.protocol.ProtocolLimits;
import io.parley.protocol.codec.CodecException;
import io.parley.protocol.codec.Decoder;
import io.parley.protocol.codec.Encoder;
import io.parley.protocol.codec.Padding;
import io.parley.protocol.crypto.Aead;
import io.parley.protocol.crypto.CryptoException;
import io.parley.protocol.crypto.Hkdf;
import io.parley.protocol.crypto.SecureRandoms;
import io.parley.protocol.crypto.X25519;
import java.security.SecureRandom;

/**
 * The per-queue end-to-end layer between a sender and a recipient agent; its output is the body
 * of an SMP SEND. It pads the inner message to one size and seals it with AES-256-GCM under a
 * key agreed from the two sides' per-queue X25519 keys, with a random nonce. Because every queue
 * has its own keys, the same agent message sent over two queues never shares ciphertext.
 *
 * <pre>
 * body = u16 version ‖ u8 hasKey ('1' + key(senderE2eKey) | '0') ‖ nonce(12) ‖
 *        AES-GCM(k, nonce,
 *        aad = the header bytes before the nonce, pad(message, PADDED_BYTES))
 * k    = HKDF-SHA512(salt = empty, ikm = X25519(own, peer), info = "parley-e2e-v1", 32)
 * </pre>
 *
 * The sender's public key travels only in confirmations, the first message on a queue.
 */
public final class E2eEnvelope {
  public static final int VERSION = 1;
  /** Inner message padded size; every SEND body is the same length. UNIT: bytes. */
  public static final int PADDED_BYTES = 15_900;
  /** Largest inner message. UNIT: bytes. */
  public static final int MAX_MESSAGE_BYTES = Padding.maxContent(PADDED_BYTES);
  private static final String INFO = "parley-e2e-v1";

  static {
    int maxBody = 2 + 1 + 1 + X25519.KEY_BYTES + Aead.NONCE_BYTES + PADDED_BYTES + Aead.TAG_BYTES;
    if (maxBody > ProtocolLimits.MAX_MESSAGE_BYTES) {
      throw new ExceptionInInitializerError("e2e envelope exceeds the relay message limit");
    }
  }

  /**
   * An opened envelope.
   *
   * @param senderKey the sender's per-queue e2e public key if the envelope carried one, else null
   */
  public record Opened(byte[] senderKey, byte[] message) {}

  private E2eEnvelope() {}

  /** Shared key for a queue: derive once and keep it with the queue. */
  public static byte[] sharedKey(byte[] ownPrivateKey, byte[] peerPublicKey)
      throws CryptoException {
    return Hkdf.sha512(new byte[0], X25519.agree(ownPrivateKey, peerPublicKey), INFO, 32);
  }

  /**
   * Seals {@code message}; {@code includeKey} is the sender's public key for a confirmation, or
   * null for a normal message.
   */
  public static byte[] seal(byte[] sharedKey, byte[] includeKey, byte[] message) {
    return seal(sharedKey, includeKey, message, SecureRandoms.get());
  }

  /** As {@link #seal(byte[], byte[], byte[])}, drawing the nonce from {@code random}. */
  public static byte[] seal(byte[] sharedKey, byte[] includeKey, byte[] message,
      SecureRandom random) {
    Encoder header = new Encoder().u16(VERSION);
    if (includeKey != null) {
      header.u8('1').shortBytes(includeKey);
    } else {
      header.u8('0');
    }
    byte[] aad = header.toByteArray();
    byte[] nonce = new byte[Aead.NONCE_BYTES];
    random.nextBytes(nonce);
    byte[] sealed = Aead.seal(sharedKey, nonce, aad, Padding.pad(message, PADDED_BYTES));
    return new Encoder(aad.length + nonce.length + sealed.length)
        .raw(aad).raw(nonce).raw(sealed).toByteArray();
  }

  /** Reads the header only: the sender key a confirmation carries, or null. */
  public static byte[] peekSenderKey(byte[] body) throws AgentFormatException {
    try {
      Decoder d = new Decoder(body);
      checkVersion(d.u16());
      return readKey(d);
    } catch (CodecException e) {
      throw new AgentFormatException("malformed e2e header: " + e.getMessage());
    }
  }

  public static Opened open(byte[] sharedKey, byte[] body)
      throws AgentFormatException, CryptoException {
    try {
      Decoder d = new Decoder(body);
      checkVersion(d.u16());
      byte[] key = readKey(d);
      int headerLen = d.position();
      byte[] nonce = d.bytes(Aead.NONCE_BYTES);
      byte[] aad = java.util.Arrays.copyOf(body, headerLen);
      byte[] padded = Aead.open(sharedKey, nonce, aad, d.tail());
      return new Opened(key, Padding.unpad(padded));
    } catch (CodecException e) {
      throw new AgentFormatException("malformed e2e envelope: " + e.getMessage());
    }
  }

  private static void checkVersion(int v) throws AgentFormatException {
    if (v != VERSION) {
      throw new AgentFormatException("unsupported e2e envelope version " + v);
    }
  }

  private static byte[] readKey(Decoder d) throws CodecException, AgentFormatException {
    int flag = d.u8();
    if (flag == '0') {
      return null;
    }
    if (flag != '1') {
      throw new AgentFormatException("bad key flag in e2e header");
    }
    return d.shortBytes(X25519.KEY_BYTES, "sender e2e key");
  }
}

package io.parley.protocol.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.parley.protocol.ProtocolLimits;
import io.parley.protocol.codec.Padding;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class DeliveryCryptoTest {
  private final X25519.KeyPair relayQueueKey = X25519.generate();
  private final X25519.KeyPair recipientDhKey = X25519.generate();
  private final byte[] msgId = SecureRandoms.bytes(ProtocolLimits.ID_BYTES);
  private final byte[] padded =
      Padding.pad(SecureRandoms.bytes(300), ProtocolLimits.DELIVERY_PADDED_BYTES);

  private byte[] relayKey() throws CryptoException {
    return DeliveryCrypto.deliveryKey(
        X25519.agree(relayQueueKey.privateKey(), recipientDhKey.publicKey()));
  }

  private byte[] recipientKey() throws CryptoException {
    return DeliveryCrypto.deliveryKey(
        X25519.agree(recipientDhKey.privateKey(), relayQueueKey.publicKey()));
  }

  @Test
  void theRecipientOpensWhatTheRelaySealedAndEveryMessageHasTheSameSize() throws Exception {
    byte[] sealed = DeliveryCrypto.seal(relayKey(), msgId, padded);
    assertEquals(ProtocolLimits.DELIVERY_PADDED_BYTES + Aead.TAG_BYTES, sealed.length);
    assertArrayEquals(padded, DeliveryCrypto.open(recipientKey(), msgId, sealed));
  }

  @Test
  void sealingIsAesGcmWithTheFirstTwelveIdBytesAsNonceAndTheIdAsAad() throws Exception {
    byte[] key = relayKey();
    assertArrayEquals(Aead.seal(key, Arrays.copyOf(msgId, 12), msgId, padded),
        DeliveryCrypto.seal(key, msgId, padded));
    byte[] dh = X25519.agree(relayQueueKey.privateKey(), recipientDhKey.publicKey());
    assertArrayEquals(Hkdf.sha512(new byte[0], dh, "parley-delivery-v1", 32), key);
  }

  /**
   * What docs/protocol.md section 1 states for every HKDF and AEAD of the protocol: an empty
   * salt is 64 zero bytes (RFC 5869's default for SHA-512), and the 16-byte GCM tag is appended
   * to the ciphertext, as a stock AES/GCM/NoPadding cipher produces it.
   */
  @Test
  void anEmptyHkdfSaltIsSixtyFourZeroBytesAndTheGcmTagFollowsTheCiphertext() throws Exception {
    byte[] dh = X25519.agree(relayQueueKey.privateKey(), recipientDhKey.publicKey());
    assertArrayEquals(Hkdf.sha512(new byte[64], dh, "parley-delivery-v1", 32), relayKey());
    byte[] sealed = DeliveryCrypto.seal(relayKey(), msgId, padded);
    javax.crypto.Cipher gcm = javax.crypto.Cipher.getInstance("AES/GCM/NoPadding");
    gcm.init(javax.crypto.Cipher.ENCRYPT_MODE,
        new javax.crypto.spec.SecretKeySpec(relayKey(), "AES"),
        new javax.crypto.spec.GCMParameterSpec(128, Arrays.copyOf(msgId, 12)));
    gcm.updateAAD(msgId);
    assertArrayEquals(gcm.doFinal(padded), sealed);
    assertEquals(padded.length + 16, sealed.length);
  }

  @Test
  void tamperedCiphertextOrAnotherIdOrKeyIsDetected() throws Exception {
    byte[] sealed = DeliveryCrypto.seal(relayKey(), msgId, padded);
    byte[] flipped = sealed.clone();
    flipped[100] ^= 1;
    assertThrows(CryptoException.class,
        () -> DeliveryCrypto.open(recipientKey(), msgId, flipped));
    byte[] otherId = msgId.clone();
    otherId[23] ^= 1; // beyond the nonce bytes: caught by the associated data
    assertThrows(CryptoException.class,
        () -> DeliveryCrypto.open(recipientKey(), otherId, sealed));
    byte[] otherKey = DeliveryCrypto.deliveryKey(SecureRandoms.bytes(32));
    assertThrows(CryptoException.class, () -> DeliveryCrypto.open(otherKey, msgId, sealed));
    assertThrows(CryptoException.class,
        () -> DeliveryCrypto.open(recipientKey(), msgId, Arrays.copyOf(sealed, 10)));
  }

  @Test
  void malformedIdsAndKeysFromTheWireAreTypedErrors() throws Exception {
    byte[] sealed = DeliveryCrypto.seal(relayKey(), msgId, padded);
    assertThrows(CryptoException.class,
        () -> DeliveryCrypto.open(recipientKey(), new byte[11], sealed));
    assertThrows(CryptoException.class, () -> DeliveryCrypto.open(new byte[16], msgId, sealed));
  }

  @Test
  void sealingWithAnIdShorterThanANonceIsAProgrammingError() {
    assertThrows(IllegalArgumentException.class,
        () -> DeliveryCrypto.seal(new byte[32], new byte[11], padded));
  }
}

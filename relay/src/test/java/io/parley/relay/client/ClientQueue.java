package io.parley.relay.client;

import io.parley.protocol.codec.CodecException;
import io.parley.protocol.command.DeliveredMessage;
import io.parley.protocol.command.QueueMode;
import io.parley.protocol.command.Response;
import io.parley.protocol.crypto.CryptoException;
import io.parley.protocol.crypto.DeliveryCrypto;
import io.parley.protocol.crypto.X25519;

/**
 * A queue as its recipient knows it: both ids, the recipient's keys and the delivery key
 * agreed with the relay's per-queue DH key. Immutable; {@link #toString()} shows no secret.
 *
 * @param deliveryKey decrypts MSG bodies (docs/protocol.md section 7)
 */
public record ClientQueue(byte[] recipientId, byte[] senderId, X25519.KeyPair recipientAuth,
    X25519.KeyPair recipientDh, byte[] deliveryKey, QueueMode mode) {

  /**
   * Builds the recipient's view from an IDS response.
   *
   * @throws IllegalArgumentException if the relay's DH key is not a usable X25519 key
   */
  public static ClientQueue of(Response.Ids ids, X25519.KeyPair auth, X25519.KeyPair dh) {
    byte[] secret;
    try {
      secret = X25519.agree(dh.privateKey(), ids.relayDhKey());
    } catch (CryptoException e) {
      throw new IllegalArgumentException("relay DH key is not usable", e);
    }
    return new ClientQueue(ids.recipientId(), ids.senderId(), auth, dh,
        DeliveryCrypto.deliveryKey(secret), ids.mode());
  }

  /** Removes the relay's encryption from a MSG. */
  public DeliveredMessage open(Response.Msg msg) throws CryptoException, CodecException {
    return DeliveredMessage.decodePadded(DeliveryCrypto.open(deliveryKey, msg.msgId(),
        msg.encBody()));
  }

  @Override
  public String toString() {
    return "ClientQueue[" + mode + "]";
  }
}

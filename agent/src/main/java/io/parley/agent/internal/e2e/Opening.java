package io.parley.agent.internal.e2e;

import io.parley.protocol.agent.AgentEnvelope;
import io.parley.protocol.agent.AgentFormatException;
import io.parley.protocol.agent.E2eEnvelope;
import io.parley.protocol.codec.CodecException;
import io.parley.protocol.command.DeliveredMessage;
import io.parley.protocol.command.Response;
import io.parley.protocol.crypto.CryptoException;
import io.parley.protocol.crypto.DeliveryCrypto;
import io.parley.protocol.ratchet.RatchetException;
import io.parley.protocol.ratchet.RatchetPublicKeys;

/**
 * Removes the relay layer and the per-queue e2e layer of a delivered message and decodes the
 * agent envelope inside. Hostile input only ever yields {@link Envelope.Rejected}, naming the
 * layer that failed. Stateless and thread-safe.
 */
public final class Opening {
  private Opening() {}

  /**
   * Opens {@code msg} received on a queue.
   *
   * @param deliveryKey the queue's relay-to-recipient key
   * @param ownE2ePrivateKey this side's per-queue e2e private key
   * @param knownSharedKey the e2e key agreed from an earlier confirmation, or null before one
   */
  public static Envelope open(byte[] deliveryKey, byte[] ownE2ePrivateKey, byte[] knownSharedKey,
      Response.Msg msg) {
    DeliveredMessage delivered;
    try {
      byte[] padded = DeliveryCrypto.open(deliveryKey, msg.msgId(), msg.encBody());
      delivered = DeliveredMessage.decodePadded(padded);
    } catch (CryptoException | CodecException e) {
      return new Envelope.Rejected(Unusable.RELAY_LAYER);
    }
    if (delivered.quotaMarker()) {
      return new Envelope.QuotaMarker();
    }
    byte[] body = delivered.body();
    byte[] senderKey;
    byte[] sharedKey = knownSharedKey;
    E2eEnvelope.Opened opened;
    try {
      senderKey = E2eEnvelope.peekSenderKey(body);
      if (senderKey != null) {
        sharedKey = E2eEnvelope.sharedKey(ownE2ePrivateKey, senderKey);
      }
    } catch (AgentFormatException | CryptoException e) {
      // CryptoException: the carried key gives no usable secret (a low-order point).
      return new Envelope.Rejected(Unusable.E2E_MALFORMED);
    }
    if (sharedKey == null) {
      return new Envelope.Rejected(Unusable.BEFORE_CONFIRMATION);
    }
    try {
      opened = E2eEnvelope.open(sharedKey, body);
    } catch (AgentFormatException e) {
      return new Envelope.Rejected(Unusable.E2E_MALFORMED);
    } catch (CryptoException e) {
      return new Envelope.Rejected(Unusable.E2E_UNDECRYPTABLE);
    }
    try {
      AgentEnvelope env = AgentEnvelope.decode(opened.message());
      if (env instanceof AgentEnvelope.Message m) {
        return new Envelope.Message(m.encAgentMessage(), m.version());
      }
      if (env instanceof AgentEnvelope.RatchetSync r) {
        return new Envelope.RatchetSync(r.answer(), r.ratchetKeys(), r.msgId(), r.kem());
      }
      if (senderKey == null) {
        return new Envelope.Rejected(Unusable.ENVELOPE_MALFORMED);
      }
      if (env instanceof AgentEnvelope.Confirmation c) {
        RatchetPublicKeys keys =
            c.ratchetKeys() == null ? null : RatchetPublicKeys.decode(c.ratchetKeys());
        return new Envelope.Confirmation(senderKey, sharedKey, keys, c.encConnInfo(),
            c.version(), c.kemCiphertext());
      }
      AgentEnvelope.ContactRequest r = (AgentEnvelope.ContactRequest) env;
      return new Envelope.ContactRequest(r.invitationLink(), r.profile());
    } catch (AgentFormatException | RatchetException e) {
      return new Envelope.Rejected(Unusable.ENVELOPE_MALFORMED);
    }
  }
}

package io.parley.agent.internal.e2e;

import io.parley.protocol.agent.AgentEnvelope;
import io.parley.protocol.agent.AgentLimits;
import io.parley.protocol.agent.AgentMessage;
import io.parley.protocol.agent.ConnInfo;
import io.parley.protocol.agent.E2eEnvelope;
import io.parley.protocol.ratchet.Ratchet;
import io.parley.protocol.ratchet.RatchetException;
import io.parley.protocol.ratchet.RatchetPublicKeys;

/**
 * Builds SEND bodies, innermost layer first (docs/agent.md section 2): agent message or
 * connection info, double ratchet, agent envelope, per-queue e2e envelope. Every body has the
 * same length whatever it carries. Stateless; the ratchet passed in advances and is not
 * thread-safe, so callers hold its connection's lock.
 */
public final class Sealing {
  private Sealing() {}

  /**
   * The ratchet envelope of an agent message on an established connection; advances
   * {@code ratchet}'s sending chain. The per-queue e2e layer ({@link E2eEnvelope#seal}) is applied
   * when it is sent, and pads every SEND to one size; the ratchet pads only to a size bucket
   * ({@link AgentLimits#messagePaddedBytes}), which keeps stored outbox rows small.
   */
  public static byte[] messageEnvelope(Ratchet ratchet, AgentMessage message)
      throws RatchetException {
    byte[] plain = message.encode();
    boolean pq = ratchet.pq();
    byte[] enc = ratchet.encrypt(plain, AgentLimits.messagePaddedBytes(plain.length, pq));
    return new AgentEnvelope.Message(agentVersion(pq), enc).encode();
  }

  /** The agent version envelopes of a connection carry: 2 with the hybrid ratchet, else 1. */
  public static int agentVersion(boolean pq) {
    return pq ? AgentLimits.PQ_AGENT_VERSION : AgentLimits.AGENT_VERSION;
  }

  /** An agent message sealed in both layers, ready to SEND (tests and one-off sends). */
  public static byte[] message(Ratchet ratchet, byte[] sharedKey, AgentMessage message)
      throws RatchetException {
    return E2eEnvelope.seal(sharedKey, null, messageEnvelope(ratchet, message));
  }

  /**
   * A confirmation, the first message on a queue: it carries this side's per-queue e2e public key
   * in the envelope header and the ratchet-encrypted connection info.
   *
   * @param joinerKeys the joiner's X3DH public keys (in the joiner's confirmation only), or null
   */
  public static byte[] confirmation(Ratchet ratchet, byte[] sharedKey, byte[] ownE2ePublicKey,
      RatchetPublicKeys joinerKeys, ConnInfo info) throws RatchetException {
    byte[] enc = ratchet.encrypt(info.encode(), AgentLimits.CONN_INFO_PADDED_BYTES);
    byte[] keys = joinerKeys == null ? null : joinerKeys.encode();
    return E2eEnvelope.seal(sharedKey, ownE2ePublicKey,
        new AgentEnvelope.Confirmation(keys, enc).encode());
  }

  /**
   * A confirmation's agent envelope, without the per-queue e2e layer: the delivery worker seals
   * it for each of the peer's queues with that queue's own e2e key pair, whose public half it
   * puts in the envelope header. Advances {@code ratchet}.
   *
   * @param joinerKeys the joiner's X3DH public keys (in the joiner's confirmation only), or null
   */
  public static byte[] confirmationEnvelope(Ratchet ratchet, RatchetPublicKeys joinerKeys,
      ConnInfo info) throws RatchetException {
    return confirmationEnvelope(ratchet, joinerKeys, null, info);
  }

  /**
   * As {@link #confirmationEnvelope(Ratchet, RatchetPublicKeys, ConnInfo)}, for either ratchet
   * kind: a hybrid ratchet's confirmation is agent version 2, and a hybrid joiner's carries
   * {@code kemCiphertext}.
   */
  public static byte[] confirmationEnvelope(Ratchet ratchet, RatchetPublicKeys joinerKeys,
      byte[] kemCiphertext, ConnInfo info) throws RatchetException {
    boolean pq = ratchet.pq();
    byte[] enc = ratchet.encrypt(info.encode(), AgentLimits.connInfoPaddedBytes(pq));
    byte[] keys = joinerKeys == null ? null : joinerKeys.encode();
    return new AgentEnvelope.Confirmation(agentVersion(pq), keys, kemCiphertext, enc).encode();
  }

  /** A contact request to a contact address, sealed under a one-time sender key. */
  public static byte[] contactRequest(byte[] sharedKey, byte[] oneTimePublicKey,
      String invitationLink, String profile) {
    return E2eEnvelope.seal(sharedKey, oneTimePublicKey,
        new AgentEnvelope.ContactRequest(invitationLink, profile).encode());
  }
}

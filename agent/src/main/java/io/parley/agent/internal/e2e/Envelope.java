package io.parley.agent.internal.e2e;

import io.parley.protocol.ratchet.RatchetPublicKeys;

/**
 * What a delivered relay message turned out to be after the relay layer and the per-queue e2e
 * layer were removed ({@link Opening#open}). The ratchet layer is still on, except for contact
 * requests, which have none.
 */
public sealed interface Envelope {

  /** The relay's marker that the queue filled up; the sender retries later. */
  record QuotaMarker() implements Envelope {}

  /**
   * The first message on a queue.
   *
   * @param senderE2eKey the sender's per-queue e2e public key, from the envelope header
   * @param sharedKey the e2e key agreed with it, to keep with the queue
   * @param joinerKeys the joiner's X3DH public keys (a joiner's confirmation), else null
   * @param encConnInfo ratchet-encrypted {@link io.parley.protocol.agent.ConnInfo}
   * @param version the agent version: 2 for the hybrid post-quantum ratchet, else 1
   * @param kemCiphertext a version 2 joiner's ML-KEM ciphertext, else null
   */
  record Confirmation(byte[] senderE2eKey, byte[] sharedKey, RatchetPublicKeys joinerKeys,
      byte[] encConnInfo, int version, byte[] kemCiphertext) implements Envelope {
    /** A version 1 confirmation. */
    public Confirmation(byte[] senderE2eKey, byte[] sharedKey, RatchetPublicKeys joinerKeys,
        byte[] encConnInfo) {
      this(senderE2eKey, sharedKey, joinerKeys, encConnInfo,
          io.parley.protocol.agent.AgentLimits.AGENT_VERSION, null);
    }

    /** Whether it speaks the hybrid post-quantum ratchet. */
    public boolean pq() {
      return version == io.parley.protocol.agent.AgentLimits.PQ_AGENT_VERSION;
    }

    @Override
    public String toString() {
      return "Confirmation[redacted]";
    }
  }

  /** A ratchet-encrypted agent message. */
  record Message(byte[] encAgentMessage, int version) implements Envelope {
    /** A version 1 message. */
    public Message(byte[] encAgentMessage) {
      this(encAgentMessage, io.parley.protocol.agent.AgentLimits.AGENT_VERSION);
    }

    @Override
    public String toString() {
      return "Message[redacted]";
    }
  }

  /** A request to connect, received on a contact address. The link is secret. */
  record ContactRequest(String invitationLink, String profile) implements Envelope {
    @Override
    public String toString() {
      return "ContactRequest[redacted]";
    }
  }

  /**
   * A ratchet resync's keys (not ratchet-encrypted: sent when the ratchets disagree).
   *
   * @param answer whether it answers this side's request
   * @param msgId the sending position it takes in the peer's message sequence
   * @param kem post-quantum only: the peer's ML-KEM public key (request) or ciphertext (answer)
   */
  record RatchetSync(boolean answer, byte[] ratchetKeys, long msgId, byte[] kem)
      implements Envelope {
    @Override
    public String toString() {
      return "RatchetSync[answer=" + answer + "]";
    }
  }

  /**
   * Nothing usable: a layer did not decrypt or decode. Dropped (and acknowledged) by the
   * caller, which reports it; {@code reason} is safe to log.
   */
  record Rejected(Unusable reason) implements Envelope {}
}

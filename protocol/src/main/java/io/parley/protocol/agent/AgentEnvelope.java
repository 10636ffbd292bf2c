package io.parley.protocol.agent;

import io.parley.protocol.codec.CodecException;
import io.parley.protocol.codec.Decoder;
import io.parley.protocol.codec.Encoder;
import java.nio.charset.StandardCharsets;

/**
 * What the per-queue e2e layer carries: a confirmation (first message on a queue, sets up the
 * ratchet), a ratchet-encrypted agent message, or a contact request sent to a contact address.
 *
 * <pre>
 * 'C' u16 agentVersion ‖ ('1' large(ratchetKeys) | '2' large(ratchetKeys) large(kemCiphertext)
 *     | '0') ‖ tail(ratchet-encrypted ConnInfo)          ('2' only in agent version 2)
 * 'M' u16 agentVersion ‖ tail(ratchet-encrypted AgentMessage)
 * 'I' u16 agentVersion ‖ large(invitation link, UTF-8) ‖ tail(profile, UTF-8)
 * 'S' u16 agentVersion ‖ ('Q' | 'A') ‖ short(ratchetKeys) ‖ i64 msgId [‖ large(kem)]
 * </pre>
 *
 * <p>{@code 'S'} (ratchet resync) is the one envelope after the handshake that is not
 * ratchet-encrypted: it is sent when the ratchets disagree, so the per-queue e2e layer alone
 * protects it. {@code 'Q'} asks, {@code 'A'} answers. On a post-quantum connection (agent
 * version 2) {@code kem} is the asker's fresh ML-KEM-768 public key in {@code 'Q'} and the
 * joiner's ciphertext to the peer's KEM key in {@code 'A'}; a classic one (version 1) has none.
 */
public sealed interface AgentEnvelope {

  /**
   * @param version the agent version: 2 for a hybrid (post-quantum) ratchet, else 1
   * @param ratchetKeys the joiner's encoded X3DH public keys (only in the joiner's confirmation)
   * @param kemCiphertext the joiner's ML-KEM ciphertext to the link's KEM key (only in a
   *     version 2 joiner's confirmation)
   */
  record Confirmation(int version, byte[] ratchetKeys, byte[] kemCiphertext, byte[] encConnInfo)
      implements AgentEnvelope {
    /** A version 1 (classic ratchet) confirmation. */
    public Confirmation(byte[] ratchetKeys, byte[] encConnInfo) {
      this(AgentLimits.AGENT_VERSION, ratchetKeys, null, encConnInfo);
    }
  }

  /** @param version the agent version of the connection: 2 for a hybrid ratchet, else 1 */
  record Message(int version, byte[] encAgentMessage) implements AgentEnvelope {
    /** A version 1 message. */
    public Message(byte[] encAgentMessage) {
      this(AgentLimits.AGENT_VERSION, encAgentMessage);
    }
  }

  /** A contact request: a fresh invitation from someone who wants to connect. Secret. */
  record ContactRequest(String invitationLink, String profile) implements AgentEnvelope {
    @Override
    public String toString() {
      return "ContactRequest[redacted]";
    }
  }

  /**
   * Fresh X3DH public keys for a ratchet resync (docs/agent-protocol.md, resync).
   *
   * @param answer false for the request, true for the answer to one
   * @param ratchetKeys the sender's encoded fresh X3DH public keys
   * @param msgId the sending position this envelope takes in the sender's message sequence
   * @param kem post-quantum only: the ML-KEM public key (request) or ciphertext (answer); else
   *     null
   */
  record RatchetSync(boolean answer, byte[] ratchetKeys, long msgId, byte[] kem)
      implements AgentEnvelope {
    /** A resync envelope of a classic connection. */
    public RatchetSync(boolean answer, byte[] ratchetKeys, long msgId) {
      this(answer, ratchetKeys, msgId, null);
    }

    @Override
    public String toString() {
      return "RatchetSync[answer=" + answer + "]";
    }
  }

  default byte[] encode() {
    Encoder e = new Encoder(1_024);
    if (this instanceof Confirmation c) {
      e.u8('C').u16(c.version());
      if (c.kemCiphertext() != null) {
        e.u8('2').largeBytes(c.ratchetKeys()).largeBytes(c.kemCiphertext());
      } else if (c.ratchetKeys() != null) {
        e.u8('1').largeBytes(c.ratchetKeys());
      } else {
        e.u8('0');
      }
      e.raw(c.encConnInfo());
    } else if (this instanceof Message m) {
      e.u8('M').u16(m.version()).raw(m.encAgentMessage());
    } else if (this instanceof ContactRequest r) {
      e.u8('I').u16(AgentLimits.AGENT_VERSION)
          .largeBytes(r.invitationLink().getBytes(StandardCharsets.UTF_8))
          .raw(r.profile().getBytes(StandardCharsets.UTF_8));
    } else if (this instanceof RatchetSync r) {
      e.u8('S').u16(r.kem() == null ? AgentLimits.AGENT_VERSION : AgentLimits.PQ_AGENT_VERSION)
          .u8(r.answer() ? 'A' : 'Q').shortBytes(r.ratchetKeys()).i64(r.msgId());
      if (r.kem() != null) {
        e.largeBytes(r.kem());
      }
    }
    return e.toByteArray();
  }

  static AgentEnvelope decode(byte[] bytes) throws AgentFormatException {
    try {
      Decoder d = new Decoder(bytes);
      int tag = d.u8();
      int version = d.u16();
      boolean known = version == AgentLimits.AGENT_VERSION
          || (version == AgentLimits.PQ_AGENT_VERSION && tag != 'I');
      if (!known) {
        throw new AgentFormatException("unsupported agent version " + version);
      }
      return switch (tag) {
        case 'C' -> {
          int flag = d.u8();
          // A version 2 joiner always carries a KEM ciphertext: '1' there is a stripped one.
          int joinerFlag = version == AgentLimits.PQ_AGENT_VERSION ? '2' : '1';
          if (flag != joinerFlag && flag != '0') {
            throw new AgentFormatException("bad ratchet keys flag");
          }
          byte[] keys = flag == '0' ? null : d.largeBytes();
          byte[] kemCiphertext = flag == '2' ? d.largeBytes() : null;
          yield new Confirmation(version, keys, kemCiphertext, d.tail());
        }
        case 'M' -> new Message(version, d.tail());
        case 'I' -> {
          String link = new String(d.largeBytes(), StandardCharsets.UTF_8);
          byte[] profile = d.tail();
          if (profile.length > AgentLimits.MAX_PROFILE_BYTES) {
            throw new AgentFormatException("profile too long");
          }
          yield new ContactRequest(link, new String(profile, StandardCharsets.UTF_8));
        }
        case 'S' -> {
          int kind = d.u8();
          if (kind != 'Q' && kind != 'A') {
            throw new AgentFormatException("bad resync kind");
          }
          byte[] keys = d.shortBytes();
          long msgId = d.i64();
          // The KEM part is there exactly in version 2: a version 1 one cannot carry it along.
          byte[] kem = version == AgentLimits.PQ_AGENT_VERSION ? d.largeBytes() : null;
          RatchetSync r = new RatchetSync(kind == 'A', keys, msgId, kem);
          d.end();
          yield r;
        }
        default -> throw new AgentFormatException("unknown agent envelope tag");
      };
    } catch (CodecException e) {
      throw new AgentFormatException("malformed agent envelope: " + e.getMessage());
    }
  }
}

package io.parley.protocol.agent;

import io.parley.protocol.codec.CodecException;
import io.parley.protocol.codec.Decoder;
import io.parley.protocol.codec.Encoder;
import io.parley.protocol.crypto.Hashes;
import java.nio.charset.StandardCharsets;

/**
 * A sequenced agent message, the plaintext of the double ratchet. Each carries its sequence
 * number and the SHA-256 of the previous message's encoding, so the receiver can tell lost,
 * repeated and forged messages apart ({@link MsgIntegrity}).
 *
 * <pre>
 * 'M' ‖ i64 msgId ‖ short(prevMsgHash) ‖ body
 * body = 'T' tail(text, UTF-8)                 application text
 *      | 'R' i64 receiptFor ‖ short(msgHash)   delivery receipt for a received message
 *      | 'A' large(queueUri) ‖ short(replacedSenderId)   queue rotation: a new queue to send to
 *      | 'U' short(senderId) ‖ short(senderE2eKey)       queue rotation: the sender switched
 *      | 'K' short(handle) ‖ short(keys) ‖ short(mac) [‖ large(kemCiphertext)]
 *                                             answer to a re-key link
 *      | 'E'                                  first message under a new ratchet
 * </pre>
 *
 * @param msgId sequence number, 1 for the first message on a connection
 * @param prevHash hash of the previous message sent on this connection (empty for the first)
 */
public record AgentMessage(long msgId, byte[] prevHash, Body body) {

  private static final int E2E_KEY_BYTES = 32;

  /** What an agent message carries. */
  public sealed interface Body {}

  /** Application text; never logged. */
  public record Text(String text) implements Body {
    @Override
    public String toString() {
      return "Text[" + text.length() + " chars]";
    }
  }

  /** The peer's agent stored message {@code receiptFor}, whose hash was {@code msgHash}. */
  public record Receipt(long receiptFor, byte[] msgHash) implements Body {}

  /**
   * Queue rotation, receiver to sender: send to this new queue too ({@code queueUri}, the text of
   * {@link QueueUri}), and it replaces the queue whose sender id is {@code replacedSenderId}
   * (empty: an added queue that replaces none).
   */
  public record QueueAdd(String queueUri, byte[] replacedSenderId) implements Body {
    @Override
    public String toString() {
      return "QueueAdd[replaces=" + (replacedSenderId.length > 0) + "]";
    }
  }

  /**
   * The answer to a re-key link, sent under the old ratchet: the opener's fresh X3DH public
   * keys ({@code short(key1) ‖ short(key2)}) and the MAC binding them to the link
   * ({@link RekeyProof}); for a post-quantum connection also the ML-KEM ciphertext to the
   * link's KEM key (else null).
   */
  public record RekeyReply(byte[] handle, byte[] keys, byte[] mac, byte[] kemCiphertext)
      implements Body {
    /** An answer on a classic connection. */
    public RekeyReply(byte[] handle, byte[] keys, byte[] mac) {
      this(handle, keys, mac, null);
    }

    @Override
    public String toString() {
      return "RekeyReply[redacted]";
    }
  }

  /**
   * Queue rotation, sender to receiver: the sender secured the queue {@code senderId} and sends
   * every message after this one on it too, sealed with its key {@code senderE2eKey}.
   */
  public record QueueUse(byte[] senderId, byte[] senderE2eKey) implements Body {
    @Override
    public String toString() {
      return "QueueUse[]";
    }
  }

  /**
   * The first message under a new ratchet (after a re-key or a resync), sent by the side that
   * can encrypt at once, so the other side may start sending under it too.
   */
  public record RatchetReady() implements Body {}

  public byte[] encode() {
    Encoder e = new Encoder(256).u8('M').i64(msgId).shortBytes(prevHash);
    if (body instanceof Text t) {
      e.u8('T').raw(t.text().getBytes(StandardCharsets.UTF_8));
    } else if (body instanceof Receipt r) {
      e.u8('R').i64(r.receiptFor()).shortBytes(r.msgHash());
    } else if (body instanceof QueueAdd a) {
      e.u8('A').largeBytes(a.queueUri().getBytes(StandardCharsets.UTF_8))
          .shortBytes(a.replacedSenderId());
    } else if (body instanceof QueueUse u) {
      e.u8('U').shortBytes(u.senderId()).shortBytes(u.senderE2eKey());
    } else if (body instanceof RekeyReply k) {
      e.u8('K').shortBytes(k.handle()).shortBytes(k.keys()).shortBytes(k.mac());
      if (k.kemCiphertext() != null) {
        e.largeBytes(k.kemCiphertext());
      }
    } else if (body instanceof RatchetReady) {
      e.u8('E');
    }
    return e.toByteArray();
  }

  /** SHA-256 of {@link #encode()}: what the next message's {@code prevHash} must be. */
  public byte[] hash() {
    return Hashes.sha256(encode());
  }

  public static AgentMessage decode(byte[] bytes) throws AgentFormatException {
    try {
      Decoder d = new Decoder(bytes);
      if (d.u8() != 'M') {
        throw new AgentFormatException("unknown agent message tag");
      }
      long id = d.i64();
      byte[] prev = d.shortBytes();
      int kind = d.u8();
      Body body = switch (kind) {
        case 'T' -> {
          byte[] text = d.tail();
          if (text.length > AgentLimits.MAX_TEXT_BYTES) {
            throw new AgentFormatException("text longer than " + AgentLimits.MAX_TEXT_BYTES);
          }
          yield new Text(new String(text, StandardCharsets.UTF_8));
        }
        case 'R' -> {
          Receipt r = new Receipt(d.i64(), d.shortBytes());
          d.end();
          yield r;
        }
        case 'A' -> {
          String uri = new String(d.largeBytes(), StandardCharsets.UTF_8);
          QueueUri.parse(uri);
          QueueAdd a = new QueueAdd(uri, d.shortBytes());
          d.end();
          yield a;
        }
        case 'U' -> {
          QueueUse u = new QueueUse(d.shortBytes(), d.shortBytes(E2E_KEY_BYTES, "e2e key"));
          d.end();
          yield u;
        }
        case 'K' -> {
          byte[] handle = d.shortBytes();
          byte[] keys = d.shortBytes();
          byte[] mac = d.shortBytes();
          byte[] kemCiphertext = d.remaining() > 0 ? d.largeBytes() : null;
          RekeyReply k = new RekeyReply(handle, keys, mac, kemCiphertext);
          d.end();
          yield k;
        }
        case 'E' -> {
          d.end();
          yield new RatchetReady();
        }
        default -> throw new AgentFormatException("unknown agent message body");
      };
      return new AgentMessage(id, prev, body);
    } catch (CodecException e) {
      throw new AgentFormatException("malformed agent message: " + e.getMessage());
    }
  }
}

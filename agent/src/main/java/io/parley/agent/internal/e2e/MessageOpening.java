package io.parley.agent.internal.e2e;

import io.parley.protocol.agent.AgentFormatException;
import io.parley.protocol.agent.AgentMessage;
import io.parley.protocol.agent.MsgIntegrity;
import io.parley.protocol.ratchet.Ratchet;
import io.parley.protocol.ratchet.RatchetException;

/**
 * Removes the ratchet layer of an agent message and classifies it against the connection's
 * receiving chain (docs/agent.md section 3). Stateless; the ratchet passed in advances on
 * success and is not thread-safe, so callers hold its connection's lock.
 */
public final class MessageOpening {
  private static final byte[] NO_HASH = new byte[0];

  private MessageOpening() {}

  /**
   * @param lastId sequence number of the last message received in order (0 before the first)
   * @param lastHash its hash, or null before the first
   */
  public static Decrypted open(Ratchet ratchet, long lastId, byte[] lastHash, byte[] enc) {
    byte[] plaintext;
    try {
      plaintext = ratchet.decrypt(enc);
    } catch (RatchetException e) {
      return switch (e.reason()) {
        case DUPLICATE -> new Decrypted.Duplicate();
        case TOO_MANY_SKIPPED -> new Decrypted.Failed(Decrypted.Failure.TOO_MANY_SKIPPED);
        case BAD_STATE -> new Decrypted.Failed(Decrypted.Failure.BAD_STATE);
        case BAD_HEADER, BAD_MESSAGE, TOO_LARGE ->
            new Decrypted.Failed(Decrypted.Failure.UNDECRYPTABLE);
      };
    }
    AgentMessage message;
    try {
      message = AgentMessage.decode(plaintext);
    } catch (AgentFormatException e) {
      return new Decrypted.Failed(Decrypted.Failure.MALFORMED);
    }
    MsgIntegrity integrity = MsgIntegrity.classify(
        lastId, lastHash == null ? NO_HASH : lastHash, message.msgId(), message.prevHash());
    if (integrity.kind() == MsgIntegrity.Kind.DUPLICATE) {
      return new Decrypted.Duplicate();
    }
    return new Decrypted.Accepted(message, message.hash(), integrity);
  }
}

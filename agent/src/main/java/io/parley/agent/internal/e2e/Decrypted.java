package io.parley.agent.internal.e2e;

import io.parley.protocol.agent.AgentMessage;
import io.parley.protocol.agent.MsgIntegrity;
import java.util.Locale;

/** The outcome of decrypting one ratchet message of a connection ({@link MessageOpening}). */
public sealed interface Decrypted {

  /**
   * A new agent message, to be stored with the advanced ratchet.
   *
   * @param hash SHA-256 of the message's encoding: the next message must name it
   * @param integrity how it relates to the previous one (never DUPLICATE here)
   */
  record Accepted(AgentMessage message, byte[] hash, MsgIntegrity integrity)
      implements Decrypted {
    @Override
    public String toString() {
      return "Accepted[msgId=" + message.msgId() + ", integrity=" + integrity.label() + "]";
    }
  }

  /**
   * A message already received (its key is spent, or it repeats the last sequence number): a
   * relay redelivery or a sender's retry, dropped silently.
   */
  record Duplicate() implements Decrypted {}

  /** A message that can never be read; dropped and reported once. */
  record Failed(Failure failure) implements Decrypted {}

  /** Why a message could not be read. */
  enum Failure {
    /** It would need more skipped message keys than the ratchet allows. */
    TOO_MANY_SKIPPED,
    /** Its header or body does not authenticate under any key this side holds. */
    UNDECRYPTABLE,
    /** The connection's ratchet cannot decrypt (its stored state is unusable). */
    BAD_STATE,
    /** It decrypted but the agent message inside does not decode. */
    MALFORMED;

    /** The event name: too_many_skipped, undecryptable, bad_state, malformed. */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }
}

package io.parley.protocol.agent;

import io.parley.protocol.crypto.Hashes;

/**
 * How a received agent message relates to the previous one, from its sequence number and the
 * hash of the previous message it carries. Reported to the application with the message; only
 * {@link Kind#DUPLICATE} is acted on (dropped).
 *
 * @param from first missing sequence number when {@code kind} is SKIPPED, else 0
 * @param to last missing sequence number when {@code kind} is SKIPPED, else 0
 */
public record MsgIntegrity(Kind kind, long from, long to) {
  /** Classification of one received message. */
  public enum Kind {
    OK,
    /** The same sequence number as the last one: a redelivery, dropped silently. */
    DUPLICATE,
    /** Messages {@code from..to} never arrived (a relay lost them or a queue was cut). */
    SKIPPED,
    /** A sequence number lower than one already received. */
    BAD_ID,
    /** The next sequence number, but it does not chain to the message received before it. */
    BAD_HASH
  }

  public static final MsgIntegrity OK = new MsgIntegrity(Kind.OK, 0, 0);

  /**
   * @param lastId sequence number of the last message received (0 before the first)
   * @param lastHash hash of that message (empty before the first)
   */
  public static MsgIntegrity classify(long lastId, byte[] lastHash, long msgId, byte[] prevHash) {
    if (msgId == lastId) {
      return new MsgIntegrity(Kind.DUPLICATE, 0, 0);
    }
    if (msgId < lastId) {
      return new MsgIntegrity(Kind.BAD_ID, 0, 0);
    }
    if (msgId > lastId + 1) {
      return new MsgIntegrity(Kind.SKIPPED, lastId + 1, msgId - 1);
    }
    return Hashes.constantTimeEquals(lastHash, prevHash)
        ? OK
        : new MsgIntegrity(Kind.BAD_HASH, 0, 0);
  }

  /** The wire/API name: ok, duplicate, skipped, bad_id, bad_hash. */
  public String label() {
    return kind.name().toLowerCase(java.util.Locale.ROOT);
  }
}

package io.parley.agent.internal.store;

/**
 * One row of {@code messages_in}. Byte arrays are not copied: treat them as read-only.
 * {@link #toString()} leaves out the text and hash.
 *
 * @param agentMsgId the sender's sequence number for this message
 * @param skippedFrom first missing id when {@code integrity} is SKIPPED, else null
 * @param skippedTo last missing id when {@code integrity} is SKIPPED, else null
 * @param receivedAt UNIT: epoch milliseconds
 */
public record InMessageRow(
    String id,
    String connectionId,
    long agentMsgId,
    String text,
    MsgIntegrity integrity,
    Long skippedFrom,
    Long skippedTo,
    byte[] msgHash,
    long receivedAt) {

  /** A new received message with a fresh id. */
  public static InMessageRow received(String connectionId, long agentMsgId, String text,
      MsgIntegrity integrity, byte[] msgHash, long now) {
    return new InMessageRow(StoreIds.newTimeOrderedId(now), connectionId, agentMsgId, text,
        integrity, null, null, msgHash, now);
  }

  /** This message, flagged as arriving after the gap {@code from..to}. */
  public InMessageRow withSkipped(long from, long to) {
    return new InMessageRow(id, connectionId, agentMsgId, text, MsgIntegrity.SKIPPED, from, to,
        msgHash, receivedAt);
  }

  @Override
  public String toString() {
    return "InMessageRow[id=" + id + ", connectionId=" + connectionId + ", agentMsgId="
        + agentMsgId + ", integrity=" + integrity + "]";
  }
}

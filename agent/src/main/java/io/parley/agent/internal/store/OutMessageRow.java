package io.parley.agent.internal.store;

/**
 * One row of {@code messages_out}. Byte arrays are not copied: treat them as read-only.
 * {@link #toString()} leaves out the text, payload, hash and idempotency key.
 *
 * @param agentMsgId sequence number in the connection's sending chain
 * @param text the user's text for {@link OutMessageKind#TEXT}, else null
 * @param payload the encrypted SEND body, resent unchanged on every attempt; null once the
 *     message is no longer queued (the store keeps payloads only until then)
 * @param msgHash hash of this agent message (the next one names it as predecessor)
 * @param failureReason why the last attempt failed, or null
 * @param attempts failed delivery attempts so far
 * @param nextAttemptAt when the next attempt is due. UNIT: epoch milliseconds
 * @param createdAt UNIT: epoch milliseconds
 * @param sentAt when the relay accepted it, or null. UNIT: epoch milliseconds
 * @param deliveredAt when the peer's receipt arrived, or null. UNIT: epoch milliseconds
 * @param idempotencyKey the client's key for safe API retries, or null
 */
public record OutMessageRow(
    String id,
    String connectionId,
    long agentMsgId,
    OutMessageKind kind,
    String text,
    byte[] payload,
    byte[] msgHash,
    OutMessageStatus status,
    String failureReason,
    int attempts,
    long nextAttemptAt,
    long createdAt,
    Long sentAt,
    Long deliveredAt,
    String idempotencyKey) {

  /**
   * The id of a connection's message at a sending position: deterministic (the table checks
   * it), so the delivery side finds a connection's messages by sequence number after a restart.
   */
  public static String idOf(String connectionId, long agentMsgId) {
    return connectionId + "." + agentMsgId;
  }

  /** A new queued message, due immediately. */
  public static OutMessageRow queued(String connectionId, long agentMsgId, OutMessageKind kind,
      String text, byte[] payload, byte[] msgHash, String idempotencyKey, long now) {
    return new OutMessageRow(idOf(connectionId, agentMsgId), connectionId, agentMsgId, kind, text, payload,
        msgHash, OutMessageStatus.QUEUED, null, 0, now, now, null, null, idempotencyKey);
  }

  @Override
  public String toString() {
    return "OutMessageRow[id=" + id + ", connectionId=" + connectionId + ", agentMsgId="
        + agentMsgId + ", kind=" + kind + ", status=" + status + ", attempts=" + attempts + "]";
  }
}

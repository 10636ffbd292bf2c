package io.parley.agent.readmodel;

/**
 * One text message of a connection's history, either direction. {@link #toString()} leaves the
 * text out.
 *
 * @param connectionId the connection it was received on or sent to
 * @param incoming true for a received message, false for a sent one
 * @param at when it was received, or queued for sending. UNIT: epoch milliseconds
 * @param state integrity of a received message (ok, skipped, bad_id, bad_hash, duplicate) or
 *     status of a sent one (queued, sent, delivered, failed)
 * @param skippedFrom first missing agent message id when state is skipped, else null
 * @param skippedTo last missing agent message id when state is skipped, else null
 * @param failureReason why a sent message failed, else null
 */
public record HistoryEntry(
    String id,
    String connectionId,
    boolean incoming,
    String text,
    long at,
    String state,
    Long skippedFrom,
    Long skippedTo,
    String failureReason) {

  @Override
  public String toString() {
    return "HistoryEntry[id=" + id + ", incoming=" + incoming + ", state=" + state + "]";
  }
}

package io.parley.agent.model;

import java.time.Instant;
import java.util.List;

/**
 * An outgoing message's status and how it got there. The text is left out of
 * {@link #toString()}.
 *
 * @param failureReason why it failed (status failed) or why the last attempt failed, else null
 * @param timeline every status change, oldest first (a retry appears as a queued entry with the
 *     reason of the failed attempt)
 */
public record MessageInfo(
    String id,
    String connectionId,
    String text,
    MessageStatus status,
    String failureReason,
    int attempts,
    Instant createdAt,
    List<StatusChange> timeline) {

  public MessageInfo {
    timeline = List.copyOf(timeline);
  }

  /** One status change; {@code reason} is null unless a failure caused it. */
  public record StatusChange(MessageStatus status, String reason, Instant at) {}

  @Override
  public String toString() {
    return "MessageInfo[id=" + id + ", connectionId=" + connectionId + ", status=" + status
        + ", attempts=" + attempts + "]";
  }
}

package io.parley.sdk.model;

import com.fasterxml.jackson.annotation.JsonAlias;
import java.time.Instant;
import java.util.List;

/**
 * A message in either direction, from {@code GET /v1/messages/{id}} or a connection's history.
 * Immutable; {@link #toString()} leaves the text out.
 *
 * @param time when it was received, or queued for sending
 * @param status outgoing only: the delivery status; null for received messages
 * @param failureReason outgoing only: why it failed, or null
 * @param attempts outgoing, by id only: send attempts so far; null otherwise
 * @param integrity received only: the integrity verdict; null for sent messages
 * @param timeline outgoing, by id only: every status change; empty otherwise
 */
public record Message(
    String id,
    Direction direction,
    String connectionId,
    String text,
    @JsonAlias("createdAt") Instant time,
    MessageStatus status,
    String failureReason,
    Integer attempts,
    Integrity integrity,
    List<StatusChange> timeline) {

  /** Copies the timeline; a missing one is empty. */
  public Message {
    timeline = timeline == null ? List.of() : List.copyOf(timeline);
  }

  /** Whether the peer sent it. */
  public boolean isIncoming() {
    return direction == Direction.IN;
  }

  @Override
  public String toString() {
    return "Message[id=" + id + ", direction=" + direction + ", connectionId=" + connectionId
        + ", status=" + status + "]";
  }
}

package io.parley.sdk.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.time.Instant;

/**
 * One entry of the daemon's durable event log, the same envelope on every channel. Events are
 * ordered by {@link #seq()}, which only grows; resume after the last seq handled. Immutable;
 * {@link #toString()} leaves {@link #data()} out because it can hold a message text.
 *
 * @param seq the event's position in the log
 * @param type one of {@link EventTypes}, or a newer type to ignore
 * @param connectionId the connection concerned, or null (relay events)
 * @param data the type's fields (see {@link EventTypes}); never null, possibly empty
 */
public record Event(long seq, String type, Instant time, String connectionId, JsonNode data) {

  /** A missing data object reads as an empty one. */
  public Event {
    data = data == null ? MissingNode.getInstance() : data;
  }

  /** Whether this is a {@link EventTypes#MESSAGE_RECEIVED} event. */
  public boolean isMessage() {
    return EventTypes.MESSAGE_RECEIVED.equals(type);
  }

  /** The received text of a {@link EventTypes#MESSAGE_RECEIVED} event, or null. */
  public String text() {
    return string("text");
  }

  /** The message id of a message event, or null. */
  public String messageId() {
    return string("messageId");
  }

  /** A string field of {@link #data()}, or null when absent or not a string. */
  public String string(String field) {
    JsonNode n = data.get(field);
    return n != null && n.isTextual() ? n.textValue() : null;
  }

  @Override
  public String toString() {
    return "Event[seq=" + seq + ", type=" + type + ", connectionId=" + connectionId + "]";
  }
}

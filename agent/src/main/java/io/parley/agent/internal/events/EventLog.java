package io.parley.agent.internal.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.agent.event.AgentEvent;
import io.parley.agent.internal.store.EventRow;
import io.parley.agent.internal.store.StoreException;
import io.parley.agent.internal.store.StoreTx;
import java.time.Instant;
import java.util.Map;

/**
 * Writes agent events into the durable log inside a caller's write unit, and turns stored rows
 * back into {@link AgentEvent}s. Event data is a JSON object of strings, numbers, booleans and
 * nested objects. Stateless and thread-safe.
 */
public final class EventLog {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

  private EventLog() {}

  /**
   * Appends one event in the unit {@code tx} belongs to; it commits (or not) with the unit.
   * It shows in the stream of its connection's profile (every profile's when it has none).
   */
  public static long append(StoreTx tx, String type, String connectionId,
      Map<String, Object> data) throws StoreException {
    return append(tx, type, connectionId, null, data);
  }

  /** Appends one event of {@code profileId}'s stream that concerns no connection. */
  public static long appendForProfile(StoreTx tx, String type, String profileId,
      Map<String, Object> data) throws StoreException {
    return append(tx, type, null, profileId, data);
  }

  private static long append(StoreTx tx, String type, String connectionId, String profileId,
      Map<String, Object> data) throws StoreException {
    String json;
    try {
      json = JSON.writeValueAsString(data);
    } catch (JsonProcessingException e) {
      throw new StoreException("event data of " + type + " is not serializable", e);
    }
    return tx.events().append(type, connectionId, profileId, json);
  }

  /** The API form of a stored event; data that no longer parses is shown as empty. */
  public static AgentEvent toEvent(EventRow row) {
    Map<String, Object> data;
    try {
      data = JSON.readValue(row.data(), MAP);
    } catch (JsonProcessingException e) {
      data = Map.of();
    }
    return new AgentEvent(row.seq(), row.type(), Instant.ofEpochMilli(row.time()),
        row.connectionId(), data, row.profileId());
  }
}

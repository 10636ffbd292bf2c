package io.parley.agent.event;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One entry of the durable event log, in the order the agent committed them. Consumers resume
 * after the last {@link #seq()} they processed. {@code data} holds only JSON-friendly values
 * (strings, numbers, booleans, nested maps); for {@code message.received} it holds the text,
 * so {@link #toString()} leaves data out.
 *
 * <p>Types and their data:
 * <ul>
 *   <li>{@value #CONNECTION_ESTABLISHED}: {@code securityCode}
 *   <li>{@value #CONNECTION_REQUESTED}: {@code requestId}, {@code profile}
 *   <li>{@value #CONNECTION_DELETED}: none
 *   <li>{@value #CONNECTION_ROTATED}: none (never a queue id or relay)
 *   <li>{@value #CONNECTION_ERROR}: {@code reason}: a message arrived that no layer up to the
 *       ratchet could open or parse (docs/agent-protocol.md section 6); it was dropped. The
 *       connection id is null when it came to the contact address
 *   <li>{@value #CONNECTION_REKEYED}: {@code securityCode} (the new one, equal on both sides
 *       unless the answer was tampered with), {@code side} ({@code link_maker} or
 *       {@code link_opener})
 *   <li>{@value #CONNECTION_RATCHET_DESYNC}: {@code reason} (the failure label of the last
 *       message), {@code failures} (in a row): the two ratchets disagree (for example a
 *       database restored from a backup); recover with a resync
 *   <li>{@value #CONNECTION_RATCHET_RESYNCED}: {@code securityCode} (the new one: compare it
 *       again, as a resync is not authenticated out of band)
 *   <li>{@value #MESSAGE_RECEIVED}: {@code messageId}, {@code text}, {@code integrity}
 *       ({@code {"kind": ok|skipped|bad_id|bad_hash, "from": n, "to": n}}, from/to only when
 *       skipped)
 *   <li>{@value #MESSAGE_STATUS}: {@code messageId}, {@code status} (queued, sent, delivered,
 *       failed), {@code reason} when failed or retried
 *   <li>{@value #MESSAGE_ERROR}: {@code reason}: a message arrived that could not be decrypted
 *       (for example too many skipped messages); it was dropped
 *   <li>{@value #RELAY_UP}, {@value #RELAY_DOWN}: {@code relay} (the address), {@code reason}
 *       (down only)
 * </ul>
 *
 * @param connectionId the connection concerned, or null for relay events
 * @param profileId the profile whose stream shows the event, or null when it concerns every
 *     profile (relay events)
 */
public record AgentEvent(
    long seq, String type, Instant time, String connectionId, Map<String, Object> data,
    String profileId) {

  public static final String CONNECTION_ESTABLISHED = "connection.established";
  public static final String CONNECTION_REQUESTED = "connection.requested";
  public static final String CONNECTION_DELETED = "connection.deleted";
  public static final String CONNECTION_ERROR = "connection.error";
  /** A rotation of the connection's receive queues finished (docs/agent.md 2.2). */
  public static final String CONNECTION_ROTATED = "connection.rotated";
  public static final String CONNECTION_REKEYED = "connection.rekeyed";
  public static final String CONNECTION_RATCHET_DESYNC = "connection.ratchet_desync";
  public static final String CONNECTION_RATCHET_RESYNCED = "connection.ratchet_resynced";
  public static final String MESSAGE_RECEIVED = "message.received";
  public static final String MESSAGE_STATUS = "message.status";
  public static final String MESSAGE_ERROR = "message.error";
  public static final String RELAY_UP = "relay.up";
  public static final String RELAY_DOWN = "relay.down";

  public AgentEvent {
    data = sortedCopy(data);
  }

  /** An event of every profile's stream (or one whose profile does not matter). */
  public AgentEvent(long seq, String type, Instant time, String connectionId,
      Map<String, Object> data) {
    this(seq, type, time, connectionId, data, null);
  }

  /** Whether the stream of {@code profile} shows this event. */
  public boolean visibleTo(String profile) {
    return profileId == null || profileId.equals(profile);
  }

  /**
   * An immutable copy whose keys, and those of nested maps, iterate in sorted order: every
   * reader (the API's JSON, webhooks, the SDK) then shows an event's fields in one order, which
   * {@code Map.copyOf}'s per-JVM random order would not give.
   */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> sortedCopy(Map<String, ?> map) {
    TreeMap<String, Object> sorted = new TreeMap<>();
    map.forEach((k, v) -> sorted.put(Objects.requireNonNull(k, "key"),
        v instanceof Map<?, ?> nested ? sortedCopy((Map<String, ?>) nested)
            : Objects.requireNonNull(v, "value")));
    return Collections.unmodifiableMap(sorted);
  }

  @Override
  public String toString() {
    return "AgentEvent[seq=" + seq + ", type=" + type + ", connectionId=" + connectionId
        + ", profileId=" + profileId + "]";
  }
}

package io.parley.agent.internal.store;

/**
 * One entry of the durable event log. {@link #toString()} leaves out the data, which may hold
 * message text.
 *
 * @param seq position in the log; strictly increasing, never reused
 * @param type event type, e.g. {@code message.received}
 * @param time UNIT: epoch milliseconds
 * @param connectionId the connection the event is about, or null
 * @param data the event's JSON object
 * @param profileId the profile whose stream shows it, or null for every profile's
 */
public record EventRow(long seq, String type, long time, String connectionId, String data,
    String profileId) {
  @Override
  public String toString() {
    return "EventRow[seq=" + seq + ", type=" + type + ", time=" + time + ", connectionId="
        + connectionId + ", profileId=" + profileId + "]";
  }
}

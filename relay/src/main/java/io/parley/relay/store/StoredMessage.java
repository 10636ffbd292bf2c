package io.parley.relay.store;

/**
 * A message waiting in a queue.
 *
 * @param msgId 24 random bytes; also the nonce source of the delivery encryption
 * @param timestamp relay receive time, Unix seconds
 * @param quotaMarker the marker appended when a SEND found the queue full (empty body)
 */
public record StoredMessage(
    byte[] msgId, long timestamp, boolean notifyFlag, boolean quotaMarker, byte[] body) {

  @Override
  public String toString() {
    return "StoredMessage[" + body.length + " bytes" + (quotaMarker ? ", quota marker" : "") + "]";
  }
}

package io.parley.relay.client;

import io.parley.protocol.command.Response;

/**
 * One response or event from a relay.
 *
 * @param corrId the command's correlation id; empty for events (MSG, END)
 * @param entityId the queue id the reply is about, or empty
 */
public record Reply(byte[] corrId, byte[] entityId, Response response) {
  /** True for relay-initiated events, which carry no correlation id. */
  public boolean isEvent() {
    return corrId.length == 0;
  }

  @Override
  public String toString() {
    return "Reply[" + response.getClass().getSimpleName() + (isEvent() ? ", event" : "") + "]";
  }
}

package io.parley.agent.internal.client;

/**
 * The relay broke the protocol: an undecodable block, a response of the wrong type, or a
 * session key that gives no usable authorization key. The connection is closed when the
 * framing is at fault.
 */
public final class RelayProtocolException extends RelayClientException {
  public RelayProtocolException(String message) {
    super(message);
  }

  public RelayProtocolException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public boolean retryable() {
    return false;
  }
}

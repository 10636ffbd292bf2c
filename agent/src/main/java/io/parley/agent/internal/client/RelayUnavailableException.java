package io.parley.agent.internal.client;

/**
 * The relay connection is down, dropped while the command was pending, or the client was
 * closed. The cause, if any, is what ended the connection (for example a
 * {@link io.parley.protocol.transport.RelayIdentityMismatchException} somewhere in its chain).
 */
public final class RelayUnavailableException extends RelayClientException {
  public RelayUnavailableException(String message) {
    super(message);
  }

  public RelayUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public boolean retryable() {
    return true;
  }
}

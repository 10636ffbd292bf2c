package io.parley.agent.internal.client;

/**
 * No answer came in time: a command outlived its timeout, or the relay stopped answering keep-
 * alive pings or did not finish its handshake. The command may or may not have been executed,
 * so a retry must be idempotent or tolerate a duplicate.
 */
public final class RelayTimeoutException extends RelayClientException {
  public RelayTimeoutException(String message) {
    super(message);
  }

  @Override
  public boolean retryable() {
    return true;
  }
}

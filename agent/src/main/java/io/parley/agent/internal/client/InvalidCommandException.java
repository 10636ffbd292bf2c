package io.parley.agent.internal.client;

/**
 * The caller's command cannot be sent as given: a key or id of the wrong length, missing or
 * superfluous credentials, or a body larger than the protocol allows. Nothing was sent.
 */
public final class InvalidCommandException extends RelayClientException {
  public InvalidCommandException(String message) {
    super(message);
  }

  @Override
  public boolean retryable() {
    return false;
  }
}

package io.parley.agent.internal.client;

/**
 * The client already has {@link RelayClientConfig#maxPendingCommands()} commands awaiting an
 * answer from this relay; the command was not sent.
 */
public final class RelayBusyException extends RelayClientException {
  public RelayBusyException(int limit) {
    super("more than " + limit + " commands pending on this relay");
  }

  @Override
  public boolean retryable() {
    return true;
  }
}

package io.parley.agent.internal.client;

/**
 * Why a relay command did not succeed. Each subtype is one failure mode; {@link #retryable()}
 * says whether sending the same command again later may succeed. Messages carry no queue ids,
 * keys or bodies.
 */
public abstract sealed class RelayClientException extends Exception
    permits RelayErrorException, RelayTimeoutException, RelayUnavailableException,
        RelayBusyException, RelayProtocolException, InvalidCommandException {

  RelayClientException(String message) {
    super(message);
  }

  RelayClientException(String message, Throwable cause) {
    super(message, cause);
  }

  /** True if the same command may succeed when sent again later. */
  public abstract boolean retryable();
}

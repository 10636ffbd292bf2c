package io.parley.agent.internal.client;

import io.parley.protocol.ErrorCode;

/** The relay answered the command with {@code ERR}; {@link #code()} says which error. */
public final class RelayErrorException extends RelayClientException {
  private final ErrorCode code;

  public RelayErrorException(ErrorCode code) {
    super("relay answered ERR " + code.wire());
    this.code = code;
  }

  public ErrorCode code() {
    return code;
  }

  /** Only a relay failure ({@code INTERNAL}) or a full queue ({@code QUOTA}) may clear up. */
  @Override
  public boolean retryable() {
    return code == ErrorCode.INTERNAL || code == ErrorCode.QUOTA;
  }
}

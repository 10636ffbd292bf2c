package io.parley.relay.client;

import java.io.IOException;

/** The relay sent a block or response that does not decode; the connection is unusable. */
public final class MalformedReplyException extends IOException {
  public MalformedReplyException(String message, Throwable cause) {
    super(message, cause);
  }
}

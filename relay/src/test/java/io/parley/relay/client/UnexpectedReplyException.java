package io.parley.relay.client;

import io.parley.protocol.command.Response;
import java.io.IOException;

/** The relay answered a command with something other than its success response. */
public final class UnexpectedReplyException extends IOException {
  private final transient Response response;

  public UnexpectedReplyException(String command, Response response) {
    super(command + " was answered " + describe(response));
    this.response = response;
  }

  /** What the relay answered. */
  public Response response() {
    return response;
  }

  private static String describe(Response r) {
    return r instanceof Response.Err e ? "ERR " + e.code().wire() : r.getClass().getSimpleName();
  }
}

package io.parley.agent.internal.client;

import io.parley.protocol.command.Command;
import io.parley.protocol.command.Response;
import java.util.concurrent.CompletableFuture;

/**
 * A checked command on its way to a relay, with the future its answer completes. The private
 * key is secret, so {@link #toString()} names the command type only.
 *
 * @param authPrivateKey the queue key that authorizes it, or null for none
 * @param timeoutMillis how long to wait for the answer once sent, or 0 for no limit (keep-alive
 *     pings, which the ping schedule watches instead). UNIT: milliseconds
 * @param answerOnLoop whether {@code result} completes on the event loop rather than the
 *     client's executor: only for commands whose continuation is trivial (a fire-and-forget
 *     ACK logs a failure), which would otherwise cost a thread hand-off per answer
 */
record OutboundCommand(byte[] entityId, Command command, byte[] authPrivateKey,
    long timeoutMillis, CompletableFuture<Response> result, boolean answerOnLoop) {
  /** A command whose answer completes {@code result} on the client's executor. */
  OutboundCommand(byte[] entityId, Command command, byte[] authPrivateKey, long timeoutMillis,
      CompletableFuture<Response> result) {
    this(entityId, command, authPrivateKey, timeoutMillis, result, false);
  }

  @Override
  public String toString() {
    return "OutboundCommand[" + command.getClass().getSimpleName() + "]";
  }
}

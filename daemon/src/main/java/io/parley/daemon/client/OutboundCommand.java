package io.parley.daemon.client;

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
 */
record OutboundCommand(byte[] entityId, Command command, byte[] authPrivateKey,
    long timeoutMillis, CompletableFuture<Response> result) {
  @Override
  public String toString() {
    return "OutboundCommand[" + command.getClass().getSimpleName() + "]";
  }
}

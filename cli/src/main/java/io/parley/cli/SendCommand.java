package io.parley.cli;

import io.parley.sdk.model.Connection;
import io.parley.sdk.model.QueuedMessage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code parley send CONNECTION TEXT}: queues one text. */
@Command(name = "send", mixinStandardHelpOptions = true, usageHelpWidth = 100,
    description = "Send a text; prints the message id once the daemon has it queued (it"
        + " retries until the peer has it; see parley watch for its status).")
final class SendCommand implements Parley.Action {
  @Mixin DaemonOptions daemon;

  @Parameters(index = "0", paramLabel = "CONNECTION",
      description = "the connection's id, alias, or peer's profile name")
  String connection;

  @Parameters(index = "1..*", arity = "1..*", paramLabel = "TEXT",
      description = "the text; several words are joined with spaces")
  String[] words;

  @Option(names = "--idempotency-key", paramLabel = "KEY",
      description = "a retried send with the same key is not sent twice")
  String idempotencyKey;

  @Option(names = "--json", description = "print the queued message as JSON")
  boolean json;

  @Override
  public int run(Parley.Io io, Session session) {
    Connection c = session.connection(connection);
    QueuedMessage m = session.client().send(c.id(), String.join(" ", words), idempotencyKey);
    io.out().println(json ? JsonOut.object("messageId", m.messageId(), "connectionId",
        m.connectionId(), "status", m.status()) : m.messageId());
    io.out().flush();
    return Exits.OK;
  }
}

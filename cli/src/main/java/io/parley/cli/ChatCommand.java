package io.parley.cli;

import io.parley.sdk.model.Connection;
import org.jline.terminal.Terminal;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code parley chat CONNECTION}: an interactive chat in the terminal. */
@Command(name = "chat", mixinStandardHelpOptions = true, usageHelpWidth = 100,
    description = "Chat with one connection: its recent history, then live messages above a"
        + " prompt with line editing and history. /help lists commands (a bot's too), /quit"
        + " leaves.")
final class ChatCommand implements Parley.Action {
  @Mixin DaemonOptions daemon;

  @Parameters(index = "0", paramLabel = "CONNECTION",
      description = "the connection's id, alias, or peer's profile name")
  String connection;

  @Override
  public int run(Parley.Io io, Session session) throws Exception {
    Connection c = session.connection(connection);
    try (Terminal terminal = io.terminals().open()) {
      new ChatSession(session.client(), c, terminal).run();
    }
    return Exits.OK;
  }
}

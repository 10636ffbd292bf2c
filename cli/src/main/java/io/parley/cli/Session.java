package io.parley.cli;

import io.parley.sdk.ParleyClient;
import io.parley.sdk.model.Connection;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * The client a subcommand uses, made on first use from its {@link DaemonOptions}. Not
 * thread-safe.
 */
final class Session {
  private final CommandLine command;
  private final Parley.Io io;
  private ParleyClient client;

  Session(CommandLine command, Parley.Io io) {
    this.command = command;
    this.io = io;
  }

  /** The SDK client of the daemon the options name. */
  ParleyClient client() {
    if (client == null) {
      DaemonOptions options = command.getCommandSpec().mixins().values().stream()
          .map(m -> m.userObject()).filter(DaemonOptions.class::isInstance)
          .map(DaemonOptions.class::cast).findFirst().orElseGet(DaemonOptions::new);
      client = ParleyClient.create(options.resolve(io.env(), this::typed, io.home()));
    }
    return client;
  }

  private boolean typed(String option) {
    ParseResult r = command.getParseResult();
    return r != null && r.hasMatchedOption(option);
  }

  /**
   * The connection {@code name} names: its id, else its alias, else its peer's profile name;
   * a name several connections share is refused, not guessed.
   */
  Connection connection(String name) {
    List<Connection> all = client().connections();
    for (Connection c : all) {
      if (c.id().equals(name)) {
        return c;
      }
    }
    List<Connection> byAlias = new ArrayList<>();
    for (Connection c : all) {
      if (name.equals(c.alias())) {
        byAlias.add(c);
      }
    }
    if (byAlias.isEmpty()) {
      for (Connection c : all) {
        if (c.peerProfile() != null && name.equals(c.peerProfile().name())) {
          byAlias.add(c);
        }
      }
    }
    if (byAlias.size() == 1) {
      return byAlias.get(0);
    }
    if (byAlias.isEmpty()) {
      throw new CliFailure(Exits.NOT_FOUND, "no connection has that id or alias (see parley"
          + " connections)");
    }
    throw new CliFailure(Exits.USAGE, byAlias.size() + " connections have that alias; give"
        + " the id (see parley connections)");
  }
}

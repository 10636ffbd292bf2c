package io.parley.relay.cli;

import io.parley.launch.CommandLines;
import io.parley.launch.OptionDefaults;
import io.parley.launch.logging.LogOptions;
import io.parley.relay.config.ConfigException;
import io.parley.relay.config.RelayConfig;
import java.io.PrintStream;
import java.util.Map;
import picocli.CommandLine;

/**
 * Parses {@code parley-relay}'s command line: picocli over {@link RelayCommand}, options left
 * out taken from {@code PARLEY_*} variables and, for {@code start}, {@code DIR/relay.properties}.
 * Stateless; thread-safe.
 */
public final class RelayCommands {
  private RelayCommands() {}

  /**
   * What to do: exit with {@link #exit()} (help, version, usage error: already printed), or run
   * {@link #command()}: an {@link InitCommand}, or a {@link StartCommand} with its
   * {@link #config()} checked.
   */
  public record Parsed(CommandLines.Exit exit, Object command, RelayConfig config,
      LogOptions logs) {}

  /** Parses {@code args}; usage errors are printed to {@code err} as one line. */
  public static Parsed parse(String[] args, Map<String, String> environment, PrintStream out,
      PrintStream err) {
    CommandLine top = new CommandLine(new RelayCommand());
    CommandLine start = top.getSubcommands().get("start");
    StartCommand.addConfigOptions(start);
    // init's options come from the environment only: the file is what init writes.
    OptionDefaults startDefaults = StartCommand.defaults(start.getCommand(), environment)
        .fileOnlyFor(start.getCommandSpec());
    CommandLines.Result result = CommandLines.parse(top, args, startDefaults, out, err);
    if (result instanceof CommandLines.Exit e) {
      return new Parsed(e, null, null, null);
    }
    CommandLine chosen = ((CommandLines.Run) result).command();
    if (chosen == top) {
      return new Parsed(CommandLines.usageError(err, "parley-relay",
          "missing command: init or start"), null, null, null);
    }
    if (chosen.getCommand() instanceof InitCommand init) {
      return new Parsed(null, init, null, null);
    }
    StartCommand command = chosen.getCommand();
    if (startDefaults.failure() != null) {
      return new Parsed(CommandLines.usageError(err, "parley-relay",
          startDefaults.failure().getMessage()), null, null, null);
    }
    try {
      return new Parsed(null, command, StartCommand.config(chosen), command.logs());
    } catch (ConfigException e) {
      return new Parsed(CommandLines.usageError(err, "parley-relay", e.getMessage()), null,
          null, null);
    }
  }
}

package io.parley.daemon.cli;

import io.parley.daemon.config.ConfigException;
import io.parley.daemon.config.DaemonConfig;
import io.parley.launch.CommandLines;
import io.parley.launch.OptionDefaults;
import io.parley.launch.logging.LogOptions;
import io.parley.protocol.transport.RelayAddress;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;
import picocli.CommandLine.TypeConversionException;

/**
 * Turns {@code parleyd}'s arguments into a running daemon: parses them with the environment and
 * the settings file ({@link DaemonCommand}), starts the daemon and prints the startup summary.
 * Usage and startup errors go to {@code err} with the exit code to use. The summary names the
 * data directory and relay addresses (not secret) and never a key or token; its one secret is
 * the console's one-time sign-in link (usable once, within two minutes), printed to this
 * terminal and never to the log.
 *
 * <p>Stateless; thread-safe.
 */
public final class Launcher {
  /** The command's name, as usage errors and {@code --version} give it. */
  public static final String NAME = "parleyd";
  /** Prefix of every line the daemon prints, so they stand out among log lines. */
  public static final String PREFIX = NAME + ": ";
  /** Most arguments accepted, so a runaway script cannot make parsing expensive. */
  public static final int MAX_ARGUMENTS = 64;
  /** The line printed once the daemon serves; scripts and tests wait for it. */
  public static final String READY_LINE = PREFIX + "ready";
  /** Start of the line that gives the local API's base URL. */
  public static final String API_LINE = PREFIX + "api listening on ";
  /** Start of the line giving a one-time web console sign-in link. */
  public static final String CONSOLE_LINE = PREFIX + "console sign-in (one use, 2 minutes): ";
  /** Line prefix naming a relay address the agent uses. */
  public static final String RELAY_LINE = PREFIX + "relay ";

  private Launcher() {}

  /** What {@link #start} achieved. */
  public sealed interface Outcome permits Exit, Started {}

  /** Nothing runs; the process should exit with {@code code}. */
  public record Exit(ExitCode code) implements Outcome {}

  /** The daemon runs; stop it with {@link RunningDaemon#stop()}. */
  public record Started(RunningDaemon daemon) implements Outcome {}

  /** What {@link #parse} found: the checked settings and the chosen logging. */
  record Parsed(DaemonConfig config, LogOptions logs) {}

  /** {@code parleyd console}: print a sign-in link of the daemon these settings describe. */
  record ConsoleRequest(DaemonConfig config) {}

  /**
   * Parses, configures and starts; prints help, version, errors or the startup summary.
   *
   * @param environment the process environment ({@code PARLEY_*}, {@code XDG_DATA_HOME})
   * @param home the user's home directory, for the default data directory
   * @param logging applies the chosen log format and level, before anything starts
   */
  public static Outcome start(String[] args, Map<String, String> environment, Path home,
      PrintStream out, PrintStream err, Consumer<LogOptions> logging) {
    Object parsed = parse(args, environment, home, out, err);
    if (parsed instanceof Exit exit) {
      return exit;
    }
    if (parsed instanceof ConsoleRequest console) {
      return new Exit(ConsoleLink.print(console.config(), out, err));
    }
    Parsed p = (Parsed) parsed;
    logging.accept(p.logs());
    RunningDaemon daemon;
    try {
      daemon = RunningDaemon.start(p.config());
    } catch (StartupException e) {
      err.println(PREFIX + "cannot start: " + e.getMessage());
      return new Exit(ExitCode.FAILURE);
    }
    printSummary(out, daemon);
    return new Started(daemon);
  }

  /**
   * The settings from, in decreasing precedence, the command line, the environment,
   * {@code DATA/parleyd.properties} and the defaults; or the {@link Exit} to take after help,
   * version or a usage error (printed).
   */
  static Object parse(String[] args, Map<String, String> environment, Path home,
      PrintStream out, PrintStream err) {
    if (args.length > MAX_ARGUMENTS) {
      return exit(CommandLines.usageError(err, NAME, "too many arguments (at most "
          + MAX_ARGUMENTS + ")"));
    }
    DaemonCommand command = new DaemonCommand();
    OptionDefaults defaults = DaemonCommand.defaults(command, environment, home);
    CommandLines.Result result = CommandLines.parse(command, args, defaults, out, err);
    if (result instanceof CommandLines.Exit e) {
      return exit(e);
    }
    if (defaults.failure() != null) {
      return exit(CommandLines.usageError(err, NAME, defaults.failure().getMessage()));
    }
    ConsoleCommand console = ((CommandLines.Run) result).options() instanceof ConsoleCommand c
        ? c : null;
    if (console != null && console.data != null) {
      command.data = console.data;
    }
    try {
      if (console != null) {
        return new ConsoleRequest(command.toConfig(command.dataDir(environment, home)));
      }
      return new Parsed(command.toConfig(command.dataDir(environment, home)), command.logs);
    } catch (ConfigException | TypeConversionException e) {
      return exit(CommandLines.usageError(err, NAME, e.getMessage()));
    }
  }

  private static Exit exit(CommandLines.Exit e) {
    return new Exit(e.status() == CommandLines.EXIT_OK ? ExitCode.OK : ExitCode.USAGE);
  }

  private static void printSummary(PrintStream out, RunningDaemon daemon) {
    DaemonConfig config = daemon.config();
    out.println(PREFIX + "data directory " + config.dataDir());
    daemon.embeddedRelayPort().ifPresent(port -> out.println(PREFIX
        + "embedded relay listening on " + EmbeddedRelay.LOOPBACK + ":" + port));
    for (RelayAddress relay : daemon.relays()) {
      out.println(RELAY_LINE + relay);
    }
    out.println(PREFIX + "profile name \"" + config.profileName() + "\"");
    out.println(API_LINE + "http://" + hostForUrl(config.apiBind()) + ":" + daemon.apiPort());
    out.println(PREFIX + "api token in " + daemon.apiTokenFile());
    out.println(PREFIX + "web console at " + daemon.consoleUrl());
    out.println(CONSOLE_LINE + daemon.consoleSignInUrl());
    out.flush();
  }

  private static String hostForUrl(String bind) {
    return bind.contains(":") ? "[" + bind + "]" : bind;
  }

  /**
   * Announces that the daemon serves and will drain on SIGTERM. Called by the entry point only
   * after its shutdown hook is installed: a supervisor that signals as soon as it reads this line
   * must get a drained stop, never the JVM's default exit.
   */
  public static void printReady(PrintStream out) {
    out.println(READY_LINE);
    out.flush();
  }
}

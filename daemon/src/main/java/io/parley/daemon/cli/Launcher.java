package io.parley.daemon.cli;

import io.parley.daemon.config.ConfigException;
import io.parley.daemon.config.ConfigFile;
import io.parley.daemon.config.DaemonConfig;
import io.parley.protocol.transport.RelayAddress;
import java.io.PrintStream;

/**
 * Turns {@code parleyd}'s arguments into a running daemon: parses them, merges the settings file,
 * starts the daemon and prints the startup summary. Usage and startup errors go to {@code err}
 * with the exit code to use. The summary names the data directory and relay addresses (not
 * secret) and never a key, token or link.
 *
 * <p>Stateless; thread-safe.
 */
public final class Launcher {
  /** Prefix of every line the daemon prints, so they stand out among log lines. */
  public static final String PREFIX = "parleyd: ";
  /** The line printed once the daemon serves; scripts and tests wait for it. */
  public static final String READY_LINE = PREFIX + "ready";
  /** Start of the line that gives the local API's base URL. */
  public static final String API_LINE = PREFIX + "api listening on ";
  /** Line prefix naming a relay address the agent uses. */
  public static final String RELAY_LINE = PREFIX + "relay ";

  private Launcher() {}

  /** What {@link #start} achieved. */
  public sealed interface Outcome permits Exit, Started {}

  /** Nothing runs; the process should exit with {@code code}. */
  public record Exit(ExitCode code) implements Outcome {}

  /** The daemon runs; stop it with {@link RunningDaemon#stop()}. */
  public record Started(RunningDaemon daemon) implements Outcome {}

  /** Parses, configures and starts; prints help, errors or the startup summary. */
  public static Outcome start(String[] args, PrintStream out, PrintStream err) {
    Arguments arguments;
    DaemonConfig config;
    try {
      arguments = ArgumentParser.parse(args);
      if (arguments.help()) {
        out.print(Usage.TEXT);
        return new Exit(ExitCode.OK);
      }
      config = configure(arguments);
    } catch (UsageException | ConfigException e) {
      err.println(PREFIX + e.getMessage());
      err.println(PREFIX + "try --help");
      return new Exit(ExitCode.USAGE);
    }
    RunningDaemon daemon;
    try {
      daemon = RunningDaemon.start(config);
    } catch (StartupException e) {
      err.println(PREFIX + "cannot start: " + e.getMessage());
      return new Exit(ExitCode.FAILURE);
    }
    printSummary(out, daemon);
    return new Started(daemon);
  }

  /** Defaults, then {@code <dataDir>/parleyd.properties}, then the flags. */
  static DaemonConfig configure(Arguments arguments) throws ConfigException {
    DaemonConfig.Builder builder = DaemonConfig.builder(arguments.dataDir().toAbsolutePath());
    ConfigFile.applyTo(arguments.dataDir().resolve(DaemonConfig.FILE_NAME), builder);
    if (!arguments.relays().isEmpty()) {
      builder.relays(arguments.relays());
    }
    arguments.name().ifPresent(builder::profileName);
    arguments.redundancy().ifPresent(builder::redundancy);
    arguments.relayPort().ifPresent(builder::embeddedRelayPort);
    arguments.apiPort().ifPresent(builder::apiPort);
    arguments.apiBind().ifPresent(builder::apiBind);
    if (!arguments.apiHosts().isEmpty()) {
      builder.apiHosts(arguments.apiHosts());
    }
    return builder.build();
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

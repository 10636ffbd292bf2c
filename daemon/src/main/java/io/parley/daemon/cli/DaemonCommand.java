package io.parley.daemon.cli;

import io.parley.daemon.config.ConfigException;
import io.parley.daemon.config.ConfigFile;
import io.parley.daemon.config.DaemonConfig;
import io.parley.launch.OptionDefaults;
import io.parley.launch.VersionProvider;
import io.parley.launch.logging.LogOptions;
import io.parley.protocol.transport.RelayAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code parleyd}'s options, filled by picocli from the command line, then the {@code PARLEY_*}
 * environment, then {@code DATA/parleyd.properties}; what none of them sets keeps the default of
 * {@link DaemonConfig}. Not thread-safe; one per start.
 */
@Command(name = "parleyd", mixinStandardHelpOptions = true, usageHelpWidth = 100,
    subcommands = ConsoleCommand.class,
    versionProvider = VersionProvider.class, sortOptions = false,
    description = "Runs the Parley agent daemon: it holds every key, contact and message in its"
        + " data directory and serves a local HTTP API.",
    footer = {"",
        "Settings may also be given in DATA/" + DaemonConfig.FILE_NAME + ", keys "
            + "relays, name, relay.port, shutdown.timeout.millis, api.port, api.bind, api.hosts,"
            + " log.format, log.level, redundancy, rotation.interval, post.quantum. Precedence: command line, then environment, then that"
            + " file, then the defaults.",
        "The API's admin token is created on first start in DATA/api.token (mode 0600).",
        "The web console is at the API's address; `parleyd console` prints a one-time sign-in"
            + " link to it.",
        "Exit status: 0 stopped cleanly (SIGTERM/SIGINT), --help or --version; 1 startup or"
            + " shutdown failure; 2 bad arguments, environment or settings."})
final class DaemonCommand {
  /** The settings file key of each option that has one. */
  static final Map<String, String> FILE_KEYS = Map.ofEntries(
      Map.entry("--relay", ConfigFile.RELAYS),
      Map.entry("--name", ConfigFile.NAME),
      Map.entry("--relay-port", ConfigFile.RELAY_PORT),
      Map.entry("--shutdown-timeout-millis", ConfigFile.SHUTDOWN_TIMEOUT_MILLIS),
      Map.entry("--api-port", ConfigFile.API_PORT),
      Map.entry("--api-bind", ConfigFile.API_BIND),
      Map.entry("--api-host", ConfigFile.API_HOSTS),
      Map.entry("--log-format", ConfigFile.LOG_FORMAT),
      Map.entry("--log-level", ConfigFile.LOG_LEVEL),
      Map.entry("--redundancy", ConfigFile.REDUNDANCY),
      Map.entry("--rotation-interval", ConfigFile.ROTATION_INTERVAL),
      Map.entry("--post-quantum", ConfigFile.POST_QUANTUM));

  @Option(names = "--data", paramLabel = "DIR", converter = Converters.DirectoryPath.class,
      description = "data directory, created with mode 0700 if missing"
          + " (default: $XDG_DATA_HOME/parley, else ~/.local/share/parley)")
  Path data;

  @Option(names = "--relay", paramLabel = "URI", split = "[,\\s]+",
      converter = Converters.Relay.class,
      description = "relay for new queues, smp://KEYHASH@HOST[:PORT]; repeatable. Without it the"
          + " daemon runs its own relay on 127.0.0.1 and uses it.")
  List<RelayAddress> relays;

  @Option(names = "--name", paramLabel = "NAME", converter = Converters.Text.class,
      description = "profile name shown to contacts (default: "
          + DaemonConfig.DEFAULT_PROFILE_NAME + ")")
  String name;

  @Option(names = "--relay-port", paramLabel = "PORT", converter = Converters.FixedPort.class,
      description = "port of the embedded relay (default: the one used last time, a free port"
          + " on the first start); only without --relay")
  Integer relayPort;

  @Option(names = "--api-port", paramLabel = "PORT", converter = Converters.AnyPort.class,
      description = "port of the local HTTP API (default: " + DaemonConfig.DEFAULT_API_PORT
          + "; 0 picks a free one)")
  Integer apiPort;

  @Option(names = "--api-bind", paramLabel = "ADDR", converter = Converters.Text.class,
      description = "address the API listens on (default: " + DaemonConfig.DEFAULT_API_BIND
          + ", loopback only); anything else is an explicit choice and still needs the token")
  String apiBind;

  @Option(names = "--api-host", paramLabel = "NAME", split = "[,\\s]+",
      converter = Converters.Text.class,
      description = "extra Host header name the API accepts; repeatable")
  List<String> apiHosts;

  @Option(names = "--shutdown-timeout-millis", paramLabel = "MILLIS",
      converter = Converters.Millis.class,
      description = "how long shutdown waits for draining, 1 to "
          + DaemonConfig.MAX_SHUTDOWN_TIMEOUT_MILLIS + " (default: "
          + DaemonConfig.DEFAULT_SHUTDOWN_TIMEOUT_MILLIS + ")")
  Long shutdownTimeoutMillis;

  @Option(names = "--redundancy", paramLabel = "N", converter = Converters.Redundancy.class,
      description = "receive queues per new connection, each on its own relay, 1 to "
          + DaemonConfig.MAX_REDUNDANCY + " (default: " + DaemonConfig.DEFAULT_REDUNDANCY
          + "; fewer when fewer relays are configured)")
  Integer redundancy;

  @Option(names = "--rotation-interval", paramLabel = "SPAN",
      converter = Converters.Interval.class,
      description = "how long a connection keeps a receive queue before a scheduled rotation"
          + " replaces it, spread out per connection: 0 (off) or a number with ms, s, m, h or d"
          + " (default: 14d)")
  Long rotationIntervalMillis;

  @Option(names = "--post-quantum", arity = "1", paramLabel = "on|off",
      converter = Converters.OnOff.class,
      description = "offer and accept the hybrid post-quantum (ML-KEM-768) ratchet on new"
          + " connections (default: on); off speaks agent version 1 only")
  String postQuantum;

  @Mixin LogOptions logs;

  /** Where the options not on the command line come from, for {@code environment}. */
  static OptionDefaults defaults(DaemonCommand command, Map<String, String> environment,
      Path home) {
    return OptionDefaults.environmentThenFile(environment,
        () -> command.dataDir(environment, home).resolve(DaemonConfig.FILE_NAME), FILE_KEYS,
        java.util.Set.of());
  }

  /** {@code --data} (or {@code PARLEY_DATA}), else the XDG default. */
  Path dataDir(Map<String, String> environment, Path home) {
    Path chosen = data;
    if (chosen == null) {
      String variable = environment.get(OptionDefaults.variableFor("--data"));
      try {
        chosen = variable == null || variable.isEmpty()
            ? null : new Converters.DirectoryPath().convert(variable);
      } catch (picocli.CommandLine.TypeConversionException e) {
        chosen = null; // picocli reports the variable itself when it sets --data from it
      }
    }
    return DataDirectory.resolve(chosen, environment, home);
  }

  /** The checked settings; what no source set keeps its default. */
  DaemonConfig toConfig(Path dataDir) throws ConfigException {
    DaemonConfig.Builder builder = DaemonConfig.builder(dataDir.toAbsolutePath());
    if (relays != null) {
      builder.relays(relays);
    }
    if (name != null) {
      builder.profileName(name);
    }
    if (relayPort != null) {
      builder.embeddedRelayPort(relayPort);
    }
    if (apiPort != null) {
      builder.apiPort(apiPort);
    }
    if (apiBind != null) {
      builder.apiBind(apiBind);
    }
    if (apiHosts != null) {
      builder.apiHosts(apiHosts);
    }
    if (shutdownTimeoutMillis != null) {
      builder.shutdownTimeoutMillis(shutdownTimeoutMillis);
    }
    if (rotationIntervalMillis != null) {
      builder.rotationIntervalMillis(rotationIntervalMillis);
    }
    if (redundancy != null) {
      builder.redundancy(redundancy);
    }
    if (postQuantum != null) {
      builder.postQuantum(postQuantum.equals("on"));
    }
    return builder.build();
  }
}

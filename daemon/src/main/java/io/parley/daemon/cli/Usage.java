package io.parley.daemon.cli;

import io.parley.daemon.config.ConfigFile;
import io.parley.daemon.config.DaemonConfig;

/** The {@code --help} text of {@code parleyd}. */
final class Usage {
  static final String TEXT = """
      Usage: java -jar parleyd.jar --data DIR [--relay URI]... [--name NAME] [--relay-port PORT]
                                   [--api-port PORT] [--api-bind ADDR] [--api-host NAME]...
                                   [--redundancy N]

      Runs the Parley agent daemon: it holds every key, contact and message in DIR.

        --data DIR         data directory (created if missing); required
        --relay URI        relay for new queues, smp://KEYHASH@HOST[:PORT]; repeatable.
                           Without it the daemon runs its own relay on %s and uses it.
        --name NAME        profile name shown to contacts (default: %s)
        --relay-port PORT  port of the embedded relay (default: the one used last time,
                           a free port on the first start); only without --relay
        --api-port PORT    port of the local HTTP API (default: %d; 0 picks a free one)
        --api-bind ADDR    address the API listens on (default: %s, loopback only).
                           Anything else is an explicit choice; the token is still required
        --api-host NAME    extra Host header name the API accepts; repeatable
        --redundancy N     receive queues per new connection, each on its own relay
                           (default: %d, 1 to %d; fewer when fewer relays are configured)
        -h, --help         print this help and exit

      The API's admin token is created on first start in DIR/api.token (mode 0600).

      Settings may also be given in DIR/%s (keys: %s, %s, %s, %s, %s, %s, %s, %s);
      flags override the file.

      Exit status: %d stopped cleanly (SIGTERM/SIGINT) or --help, %d startup or shutdown
      failure, %d bad arguments or settings.
      """.formatted(EmbeddedRelay.LOOPBACK, DaemonConfig.DEFAULT_PROFILE_NAME,
      DaemonConfig.DEFAULT_API_PORT, DaemonConfig.DEFAULT_API_BIND,
      DaemonConfig.DEFAULT_REDUNDANCY, DaemonConfig.MAX_REDUNDANCY,
      DaemonConfig.FILE_NAME, ConfigFile.RELAYS, ConfigFile.NAME, ConfigFile.RELAY_PORT,
      ConfigFile.SHUTDOWN_TIMEOUT_MILLIS, ConfigFile.API_PORT, ConfigFile.API_BIND,
      ConfigFile.API_HOSTS, ConfigFile.REDUNDANCY, ExitCode.OK.status(), ExitCode.FAILURE.status(),
      ExitCode.USAGE.status());

  private Usage() {}
}

package io.parley.daemon.cli;

import io.parley.daemon.config.ConfigFile;
import io.parley.daemon.config.DaemonConfig;

/** The {@code --help} text of {@code parleyd}. */
final class Usage {
  static final String TEXT = """
      Usage: java -jar parleyd.jar --data DIR [--relay URI]... [--name NAME] [--relay-port PORT]

      Runs the Parley agent daemon: it holds every key, contact and message in DIR.

        --data DIR         data directory (created if missing); required
        --relay URI        relay for new queues, smp://KEYHASH@HOST[:PORT]; repeatable.
                           Without it the daemon runs its own relay on %s and uses it.
        --name NAME        profile name shown to contacts (default: %s)
        --relay-port PORT  port of the embedded relay (default: the one used last time,
                           a free port on the first start); only without --relay
        -h, --help         print this help and exit

      Settings may also be given in DIR/%s (keys: %s, %s, %s, %s);
      flags override the file.

      Exit status: %d stopped cleanly (SIGTERM/SIGINT) or --help, %d startup or shutdown
      failure, %d bad arguments or settings.
      """.formatted(EmbeddedRelay.LOOPBACK, DaemonConfig.DEFAULT_PROFILE_NAME,
      DaemonConfig.FILE_NAME, ConfigFile.RELAYS, ConfigFile.NAME, ConfigFile.RELAY_PORT,
      ConfigFile.SHUTDOWN_TIMEOUT_MILLIS, ExitCode.OK.status(), ExitCode.FAILURE.status(),
      ExitCode.USAGE.status());

  private Usage() {}
}

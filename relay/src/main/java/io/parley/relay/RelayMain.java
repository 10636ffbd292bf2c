package io.parley.relay;

import io.parley.protocol.transport.RelayAddress;
import io.parley.relay.cli.CliCommand;
import io.parley.relay.cli.CommandLineParser;
import io.parley.relay.cli.GracefulStop;
import io.parley.relay.cli.UsageException;
import io.parley.relay.config.ConfigException;
import io.parley.relay.config.ConfigFile;
import java.io.IOException;
import java.io.PrintStream;

/** Command line entry point: {@code init} and {@code start} (see {@link CommandLineParser}). */
public final class RelayMain {
  private RelayMain() {}

  public static void main(String[] args) {
    int code = run(args, System.out, System.err);
    if (code != 0) {
      System.exit(code);
    }
  }

  /** Runs a command; {@code start} returns once listening (the event loops keep the JVM up). */
  static int run(String[] args, PrintStream out, PrintStream err) {
    CliCommand command;
    try {
      command = CommandLineParser.parse(args);
    } catch (UsageException e) {
      err.println("error: " + e.getMessage());
      err.println(CommandLineParser.USAGE);
      return 2;
    }
    try {
      if (command instanceof CliCommand.Init init) {
        RelayAddress address = RelayInit.init(init.dir(), init.host(), init.port());
        out.println("created relay identity and relay.properties in " + init.dir());
        out.println(address);
      } else if (command instanceof CliCommand.Start start) {
        Relay relay = Relay.start(ConfigFile.load(start.dir(), start.overrides()));
        GracefulStop.install(() -> {
          relay.close();
          out.println("relay stopped");
          out.flush();
        });
        out.println(relay.address());
      } else {
        out.println(CommandLineParser.USAGE);
      }
      return 0;
    } catch (IOException | ConfigException e) {
      err.println("error: " + e.getMessage());
      return 1;
    }
  }
}

package io.parley.relay;

import io.parley.launch.logging.LogOptions;
import io.parley.protocol.transport.RelayAddress;
import io.parley.relay.cli.GracefulStop;
import io.parley.relay.cli.InitCommand;
import io.parley.relay.cli.RelayCommands;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Command line entry point: {@code init} and {@code start} ({@code --help} lists their options;
 * docs/relay.md).
 */
public final class RelayMain {
  private RelayMain() {}

  public static void main(String[] args) {
    int code = run(args, System.getenv(), System.out, System.err, LogOptions::apply);
    if (code != 0) {
      System.exit(code);
    }
  }

  /**
   * Runs a command; {@code start} returns once listening (the event loops keep the JVM up).
   *
   * @param environment {@code PARLEY_*} variables setting options the command line leaves out
   * @param logging applies the chosen log format and level before the relay starts
   */
  static int run(String[] args, Map<String, String> environment, PrintStream out,
      PrintStream err, Consumer<LogOptions> logging) {
    RelayCommands.Parsed parsed = RelayCommands.parse(args, environment, out, err);
    if (parsed.exit() != null) {
      return parsed.exit().status();
    }
    try {
      if (parsed.command() instanceof InitCommand init) {
        RelayAddress address = RelayInit.init(init.dir(), init.host(), init.port());
        out.println("created relay identity and relay.properties in " + init.dir());
        out.println(address);
        return 0;
      }
      logging.accept(parsed.logs());
      Relay relay = Relay.start(parsed.config());
      GracefulStop.install(() -> {
        relay.close();
        out.println("relay stopped");
        out.flush();
      });
      out.println(relay.address());
      return 0;
    } catch (IOException | IllegalArgumentException e) {
      err.println("error: " + e.getMessage());
      return 1;
    }
  }
}

package io.parley.cli;

import io.parley.launch.CommandLines;
import io.parley.launch.OptionDefaults;
import io.parley.launch.VersionProvider;
import io.parley.sdk.error.ParleyException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code parley}: the daemon's local API from a terminal (docs/cli.md). Every failure is one
 * line on standard error, {@code parley: what went wrong}, and a distinct exit status
 * ({@link Exits}); no stack trace, and never the token.
 */
@Command(name = "parley", mixinStandardHelpOptions = true, usageHelpWidth = 100,
    versionProvider = VersionProvider.class,
    description = "Talk to people and bots through your Parley daemon (parleyd).",
    subcommands = {InviteCommand.class, JoinCommand.class, SendCommand.class,
        ConnectionsCommand.class, WatchCommand.class, ChatCommand.class},
    footer = {"", "Exit status: 0 done, 1 the daemon refused, 2 bad arguments, 3 daemon"
        + " unreachable, 4 no usable token, 5 not found."})
public final class Parley {
  private Parley() {}

  /** What a subcommand needs from outside: streams, environment, terminal, stop signal. */
  record Io(Map<String, String> env, Path home, InputStream in, PrintStream out,
      PrintStream err, Terminals terminals, CountDownLatch stop) {}

  /** A subcommand. */
  interface Action {
    /** Runs with options set; returns the exit status. */
    int run(Io io, Session session) throws Exception;
  }

  /**
   * Runs {@code parley} with {@code args}; returns the exit status.
   */
  static int run(String[] args, Io io) {
    CommandLine cl = new CommandLine(new Parley());
    CommandLines.Result parsed = CommandLines.parse(cl, args,
        OptionDefaults.environment(io.env()), io.out(), io.err());
    if (parsed instanceof CommandLines.Exit exit) {
      return exit.status();
    }
    CommandLine selected = ((CommandLines.Run) parsed).command();
    if (!(selected.getCommand() instanceof Action action)) {
      selected.usage(io.out());
      return Exits.USAGE;
    }
    try {
      return action.run(io, new Session(selected, io));
    } catch (CliFailure e) {
      return fail(io, e.status(), e.getMessage());
    } catch (ParleyException e) {
      return fail(io, Exits.of(e), e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Exits.FAILURE;
    } catch (Exception e) {
      // Unexpected: name the kind only; a message could hold what the user typed.
      return fail(io, Exits.FAILURE, "failed: " + e.getClass().getSimpleName());
    }
  }

  private static int fail(Io io, int status, String message) {
    io.err().println("parley: " + message);
    io.err().flush();
    return status;
  }

  /** The command-line entry point. */
  public static void main(String[] args) {
    CountDownLatch stop = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown, "parley-stop"));
    int status = run(args, new Io(System.getenv(), Path.of(System.getProperty("user.home")),
        System.in, System.out, System.err, Terminals.SYSTEM, stop));
    System.exit(status);
  }
}

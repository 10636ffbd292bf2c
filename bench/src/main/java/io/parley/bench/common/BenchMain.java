package io.parley.bench.common;

import io.parley.launch.CommandLines;
import io.parley.launch.OptionDefaults;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import picocli.CommandLine;

/**
 * The shared {@code main} of every benchmark: a picocli command line (so {@code --help} and
 * {@code --version} exit 0, options may also come from {@code PARLEY_*} variables), a usage error
 * as one line and exit 2, a failure message when a step fails, and an exit code a script can
 * test.
 */
public final class BenchMain {
  public static final int EXIT_OK = 0;
  public static final int EXIT_FAILED = 1;
  public static final int EXIT_USAGE = 2;

  private BenchMain() {}

  /** Turns a parsed picocli command into a tool's checked options. */
  @FunctionalInterface
  public interface Options<C, O> {
    O from(C command) throws UsageException;
  }

  /** Runs the benchmark with its options, reporting to {@code out}. */
  @FunctionalInterface
  public interface Body<O> {
    void run(O options, PrintStream out) throws Exception;
  }

  /** Runs {@code tool} and exits the JVM with {@link #EXIT_OK}, FAILED or USAGE. */
  public static <C, O> void run(C command, String[] args, Options<C, O> options, Body<O> body) {
    System.exit(exitCode(command, args, System.getenv(), options, body, System.out,
        System.err));
  }

  /** Like {@link #run} without exiting, for tests: the exit code it would have ended with. */
  public static <C, O> int exitCode(C command, String[] args, Map<String, String> environment,
      Options<C, O> options, Body<O> body, PrintStream out, PrintStream err) {
    CommandLine cl = new CommandLine(command);
    String tool = cl.getCommandSpec().name();
    CommandLines.Result parsed = CommandLines.parse(cl, args,
        OptionDefaults.environment(environment), out, err);
    if (parsed instanceof CommandLines.Exit exit) {
      return exit.status();
    }
    O o;
    try {
      o = options.from(command);
    } catch (UsageException e) {
      CommandLines.usageError(err, tool, e.getMessage());
      return EXIT_USAGE;
    }
    try {
      body.run(o, out);
    } catch (BenchException e) {
      err.println(tool + " failed: " + e.getMessage());
      return EXIT_FAILED;
    } catch (Exception e) {
      err.println(tool + " failed: " + e);
      return EXIT_FAILED;
    }
    return EXIT_OK;
  }

  /**
   * Parses {@code args} into {@code command} without running anything, for tests and option
   * records.
   *
   * @throws UsageException with the one-line error, also for {@code --help} or {@code --version}
   */
  public static <C> C parse(C command, String... args) throws UsageException {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    CommandLines.Result r = CommandLines.parse(command, args, OptionDefaults.environment(Map.of()),
        new PrintStream(OutputStream.nullOutputStream()),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    if (r instanceof CommandLines.Exit) {
      throw new UsageException(err.toString(StandardCharsets.UTF_8).strip());
    }
    return command;
  }
}

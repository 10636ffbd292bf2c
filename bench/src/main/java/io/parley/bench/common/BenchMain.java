package io.parley.bench.common;

import java.io.PrintStream;

/**
 * The shared {@code main} of every benchmark: usage on {@code --help}, a typed usage error
 * with the usage on a bad command line, a failure message when a step fails, and an exit
 * code a script can test.
 */
public final class BenchMain {
  public static final int EXIT_OK = 0;
  public static final int EXIT_FAILED = 1;
  public static final int EXIT_USAGE = 2;

  private BenchMain() {}

  /** Turns a command line into a tool's options. */
  @FunctionalInterface
  public interface Parser<O> {
    O parse(String[] args) throws UsageException;
  }

  /** Runs the benchmark with its options, reporting to {@code out}. */
  @FunctionalInterface
  public interface Body<O> {
    void run(O options, PrintStream out) throws Exception;
  }

  /** Runs {@code tool} and exits the JVM with {@link #EXIT_OK}, FAILED or USAGE. */
  public static <O> void run(String tool, String usage, String[] args, Parser<O> parser,
      Body<O> body) {
    System.exit(exitCode(tool, usage, args, parser, body, System.out, System.err));
  }

  /** Like {@link #run} without exiting, for tests: the exit code it would have ended with. */
  public static <O> int exitCode(String tool, String usage, String[] args, Parser<O> parser,
      Body<O> body, PrintStream out, PrintStream err) {
    if (BenchFlags.wantsHelp(args)) {
      out.println(usage);
      return EXIT_OK;
    }
    O options;
    try {
      options = parser.parse(args);
    } catch (UsageException e) {
      err.println(tool + ": " + e.getMessage());
      err.println(usage);
      return EXIT_USAGE;
    }
    try {
      body.run(options, out);
    } catch (BenchException e) {
      err.println(tool + " failed: " + e.getMessage());
      return EXIT_FAILED;
    } catch (Exception e) {
      err.println(tool + " failed: " + e);
      return EXIT_FAILED;
    }
    return EXIT_OK;
  }
}

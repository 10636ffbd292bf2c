package io.parley.launch;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Parses an entry point's command line with picocli, the same way for every entry point:
 * {@code --help} and {@code --version} print to {@code out} and exit {@value #EXIT_OK}; a usage
 * error prints one line to {@code err}, {@code NAME: what is wrong (try --help)}, and exits
 * {@value #EXIT_USAGE}. Values are never echoed in errors from this class (a mistyped flag could
 * be followed by a secret): a stray argument is named by its position. Options not on the
 * command line come from {@link OptionDefaults}. Stateless; thread-safe.
 */
public final class CommandLines {
  /** Exit status of {@code --help} and {@code --version}. */
  public static final int EXIT_OK = 0;
  /** Exit status of a bad command line, environment variable or settings file. */
  public static final int EXIT_USAGE = 2;

  private CommandLines() {}

  /** What {@link #parse} decided. */
  public sealed interface Result permits Exit, Run {}

  /** Nothing to run: exit with {@code status} (help, version, or a usage error printed). */
  public record Exit(int status) implements Result {}

  /** Run {@code command}: the (sub)command the arguments selected, its options set. */
  public record Run(CommandLine command) implements Result {
    /** The selected command's annotated object. */
    public <T> T options() {
      return command.getCommand();
    }
  }

  /**
   * Parses {@code args} into {@code command} (a picocli {@code @Command} object), taking options
   * the command line leaves out from {@code defaults}.
   */
  public static Result parse(Object command, String[] args, OptionDefaults defaults,
      PrintStream out, PrintStream err) {
    return parse(new CommandLine(command), args, defaults, out, err);
  }

  /**
   * Parses {@code args} with {@code cl} (built by the caller, e.g. to add options), taking
   * options the command line leaves out from {@code defaults}. A settings file that cannot be
   * read is not checked here: see {@link OptionDefaults#failure()}.
   */
  public static Result parse(CommandLine cl, String[] args, OptionDefaults defaults,
      PrintStream out, PrintStream err) {
    cl.setDefaultValueProvider(defaults);
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
    String name = cl.getCommandSpec().name();
    addEnvironmentFooter(cl, defaults);
    try {
      ParseResult result = cl.parseArgs(args);
      if (CommandLine.printHelpIfRequested(result)) {
        out.flush();
        return new Exit(EXIT_OK);
      }
      List<CommandLine> chain = result.asCommandLineList();
      return new Run(chain.get(chain.size() - 1));
    } catch (ParameterException e) {
      return usageError(err, name, describe(e, defaults, args));
    }
  }

  /** Prints a usage error about a value checked after parsing; returns the exit to take. */
  public static Exit usageError(PrintStream err, String name, String message) {
    err.println(name + ": " + message + " (try --help)");
    err.flush();
    return new Exit(EXIT_USAGE);
  }

  private static String describe(ParameterException e, OptionDefaults defaults, String[] args) {
    if (e instanceof UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
      String arg = u.getUnmatched().get(0);
      if (arg.startsWith("-")) {
        int eq = arg.indexOf('=');
        return "unknown option " + (eq > 0 ? arg.substring(0, eq) : arg);
      }
      int position = Arrays.asList(args).lastIndexOf(arg) + 1;
      return "unexpected argument at position " + position;
    }
    String source = e.getArgSpec() == null ? null : defaults.sourceOf(e.getArgSpec());
    if (e.getCause() instanceof TypeConversionException conversion) {
      String where = source != null ? source
          : e.getArgSpec() instanceof OptionSpec o ? o.longestName() : "an argument";
      return where + ": " + conversion.getMessage();
    }
    return source == null ? e.getMessage() : source + ": " + e.getMessage();
  }

  /** Every entry point's help says how to set its options from the environment. */
  private static void addEnvironmentFooter(CommandLine cl, OptionDefaults defaults) {
    for (CommandLine c : withSubcommands(cl)) {
      CommandSpec spec = c.getCommandSpec();
      OptionSpec example = spec.options().stream()
          .filter(o -> !o.usageHelp() && !o.versionHelp()).findFirst().orElse(null);
      if (example == null) {
        continue;
      }
      String[] footer = spec.usageMessage().footer();
      String[] more = Arrays.copyOf(footer, footer.length + 2);
      more[footer.length] = "";
      more[footer.length + 1] = "Every option may also be set by the environment variable named"
          + " after it (" + example.longestName() + " as "
          + defaults.variableOf(example.longestName()) + "); the command line wins.";
      spec.usageMessage().footer(more);
    }
  }

  private static List<CommandLine> withSubcommands(CommandLine cl) {
    List<CommandLine> all = new java.util.ArrayList<>();
    all.add(Objects.requireNonNull(cl));
    for (CommandLine sub : cl.getSubcommands().values()) {
      all.addAll(withSubcommands(sub));
    }
    return all;
  }
}

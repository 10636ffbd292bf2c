package io.parley.bench.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.launch.Version;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/** The check every bench tool's command line passes: --help and --version never run it. */
public final class HelpAndVersion {
  private HelpAndVersion() {}

  /**
   * Asserts that {@code --help} prints the tool's usage, {@code --version} its name and the
   * build's version, both with status 0, and an unknown option is a usage error.
   */
  public static <C, O> void assertAnsweredWithoutRunning(String tool,
      Supplier<C> command, BenchMain.Options<C, O> options) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Function<String, Integer> run = arg -> {
      out.reset();
      return BenchMain.exitCode(command.get(), new String[] {arg}, Map.of(), options,
          (o, s) -> {
            throw new AssertionError("the benchmark must not run");
          },
          new PrintStream(out, true, StandardCharsets.UTF_8),
          new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    };
    assertEquals(BenchMain.EXIT_OK, run.apply("--help"));
    String usage = out.toString(StandardCharsets.UTF_8);
    assertTrue(usage.startsWith("Usage: " + tool), usage);
    assertEquals(BenchMain.EXIT_OK, run.apply("--version"));
    assertEquals(tool + " " + Version.current(), out.toString(StandardCharsets.UTF_8).strip());
    assertEquals(BenchMain.EXIT_USAGE, run.apply("--help-me"));
  }
}

package io.parley.bench.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.launch.Version;
import io.parley.launch.VersionProvider;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

class BenchCommandLineTest {
  @Command(name = "Tool", mixinStandardHelpOptions = true,
      versionProvider = VersionProvider.class)
  static final class Flags {
    @Option(names = "--pairs", converter = Counts.Converter.class) Integer pairs;
  }

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int main(Map<String, String> env, String... args) {
    return BenchMain.exitCode(new Flags(), args, env,
        f -> Counts.check("--pairs", f.pairs, 8, 1, 100),
        (pairs, o) -> {
          if (pairs == 13) {
            throw new BenchException("unlucky");
          }
          o.println("pairs " + pairs);
        },
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private int main(String... args) {
    return main(Map.of(), args);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void helpPrintsTheUsageAndSucceedsWithoutRunning() {
    assertEquals(BenchMain.EXIT_OK, main("--pairs", "2", "--help"));
    assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("Usage: Tool"), out.toString());
    assertTrue(!out.toString(StandardCharsets.UTF_8).contains("pairs 2"), "nothing ran");
    assertEquals(BenchMain.EXIT_OK, main("-h"));
  }

  @Test
  void versionPrintsTheBuildVersionAndSucceeds() {
    assertEquals(BenchMain.EXIT_OK, main("--version"));
    assertEquals("Tool " + Version.current(), out.toString(StandardCharsets.UTF_8).strip());
  }

  @Test
  void aBadCommandLineExitsWithUsageInOneLineNamingTheFlag() {
    assertEquals(BenchMain.EXIT_USAGE, main("--pairs", "0"));
    assertEquals("Tool: --pairs must be a whole number from 1 to 100, not '0' (try --help)",
        err().strip());
    assertEquals("", out.toString(StandardCharsets.UTF_8));
    for (String[] bad : new String[][] {{"--fast", "1"}, {"--pairs"}, {"--pairs", "1",
        "--pairs", "2"}, {"--pairs", "many"}}) {
      err.reset();
      assertEquals(BenchMain.EXIT_USAGE, main(bad), String.join(" ", bad));
      assertEquals(1, err().lines().count(), err());
      assertTrue(err().contains("--"), err());
    }
  }

  @Test
  void aFailedRunExitsWithFailureAndItsMessage() {
    assertEquals(BenchMain.EXIT_FAILED, main("--pairs", "13"));
    assertTrue(err().contains("Tool failed: unlucky"));
    assertEquals(BenchMain.EXIT_OK, main("--pairs", "1_0"));
    assertEquals("pairs 10" + System.lineSeparator(), out.toString(StandardCharsets.UTF_8));
  }

  @Test
  void aFlagMayComeFromItsEnvironmentVariable() {
    assertEquals(BenchMain.EXIT_OK, main(Map.of("PARLEY_PAIRS", "5")));
    assertEquals("pairs 5" + System.lineSeparator(), out.toString(StandardCharsets.UTF_8));
  }
}

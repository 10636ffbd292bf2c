package io.parley.bench.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BenchCommandLineTest {
  private static final Set<String> FLAGS = Set.of("--pairs", "--relay");
  private static final String USAGE = "usage: Tool [--pairs N]";

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int main(String... args) {
    return BenchMain.exitCode("Tool", USAGE, args,
        a -> BenchFlags.parse(a, FLAGS).count("--pairs", 8, 1, 100),
        (pairs, o) -> {
          if (pairs == 13) {
            throw new BenchException("unlucky");
          }
          o.println("pairs " + pairs);
        },
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void helpPrintsTheUsageAndSucceedsWithoutRunning() {
    assertEquals(BenchMain.EXIT_OK, main("--pairs", "2", "--help"));
    assertEquals(USAGE + System.lineSeparator(), out.toString(StandardCharsets.UTF_8));
    assertEquals(BenchMain.EXIT_OK, main("-h"));
  }

  @Test
  void aBadCommandLineExitsWithUsageNamingTheFlag() {
    assertEquals(BenchMain.EXIT_USAGE, main("--pairs", "0"));
    String e = err.toString(StandardCharsets.UTF_8);
    assertTrue(e.startsWith("Tool: --pairs must be a whole number from 1 to 100, not '0'"), e);
    assertTrue(e.contains(USAGE), e);
    assertEquals("", out.toString(StandardCharsets.UTF_8));
  }

  @Test
  void aFailedRunExitsWithFailureAndItsMessage() {
    assertEquals(BenchMain.EXIT_FAILED, main("--pairs", "13"));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("Tool failed: unlucky"));
    assertEquals(BenchMain.EXIT_OK, main("--pairs", "1_0"));
    assertEquals("pairs 10" + System.lineSeparator(), out.toString(StandardCharsets.UTF_8));
  }

  @Test
  void unknownRepeatedAndValuelessFlagsAreRefusedByName() throws UsageException {
    assertThrows(UsageException.class, () -> BenchFlags.parse(new String[] {"--fast", "1"},
        FLAGS));
    assertThrows(UsageException.class, () -> BenchFlags.parse(new String[] {"--pairs"}, FLAGS));
    UsageException twice = assertThrows(UsageException.class,
        () -> BenchFlags.parse(new String[] {"--pairs", "1", "--pairs", "2"}, FLAGS));
    assertTrue(twice.getMessage().contains("--pairs"));
    BenchFlags f = BenchFlags.parse(new String[] {"--relay", "smp://x"}, FLAGS);
    assertEquals("smp://x", f.text("--relay"));
    assertEquals(8, f.count("--pairs", 8, 1, 100));
  }
}

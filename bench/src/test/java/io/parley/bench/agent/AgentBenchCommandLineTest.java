package io.parley.bench.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.bench.common.BenchMain;
import io.parley.launch.Version;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** AgentBench's --help and --version answer without running a benchmark. */
class AgentBenchCommandLineTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  private int run(String... args) {
    out.reset();
    return BenchMain.exitCode(new BenchOptions.Flags(), args, Map.of(), BenchOptions::from,
        (o, s) -> {
          throw new AssertionError("the benchmark must not run");
        },
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
  }

  @Test
  void helpAndVersionExitZeroWithoutRunning() {
    assertEquals(BenchMain.EXIT_OK, run("--help"));
    String usage = out.toString(StandardCharsets.UTF_8);
    assertTrue(usage.startsWith("Usage: AgentBench"), usage);
    assertEquals(BenchMain.EXIT_OK, run("--version"));
    assertEquals("AgentBench " + Version.current(), out.toString(StandardCharsets.UTF_8).strip());
    assertEquals(BenchMain.EXIT_USAGE, run("--help-me"));
  }
}

package io.parley.bench.agent;

import io.parley.bench.common.HelpAndVersion;
import org.junit.jupiter.api.Test;

/** AgentBench's --help and --version answer without running a benchmark. */
class AgentBenchCommandLineTest {
  @Test
  void helpAndVersionExitZeroWithoutRunning() {
    HelpAndVersion.assertAnsweredWithoutRunning("AgentBench", BenchOptions.Flags::new, BenchOptions::from);
  }
}

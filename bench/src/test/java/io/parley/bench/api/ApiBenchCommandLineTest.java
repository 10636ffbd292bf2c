package io.parley.bench.api;

import io.parley.bench.common.HelpAndVersion;
import org.junit.jupiter.api.Test;

/** ApiBench's --help and --version answer without running a benchmark. */
class ApiBenchCommandLineTest {
  @Test
  void helpAndVersionExitZeroWithoutRunning() {
    HelpAndVersion.assertAnsweredWithoutRunning("ApiBench", ApiBenchOptions.Flags::new, ApiBenchOptions::from);
  }
}

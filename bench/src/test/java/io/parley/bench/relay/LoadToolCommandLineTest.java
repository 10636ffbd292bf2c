package io.parley.bench.relay;

import io.parley.bench.common.HelpAndVersion;
import org.junit.jupiter.api.Test;

/** LoadTool's --help and --version answer without running a benchmark. */
class LoadToolCommandLineTest {
  @Test
  void helpAndVersionExitZeroWithoutRunning() {
    HelpAndVersion.assertAnsweredWithoutRunning("LoadTool", LoadOptions.Flags::new, LoadOptions::from);
  }
}

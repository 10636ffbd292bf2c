package io.parley.bench.relay;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.parley.transport.tls.TlsEngine;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class LoadToolTest {
  private static final Pattern RELAY_COST = Pattern.compile(
      "relay cost: \\d+\\.\\d x crypto limit \\(relay CPU \\d+\\.\\d us per message, limit"
          + " \\d+\\.\\d us\\) at \\d+ msg/s");
  private static final Pattern KERNEL_SHARE = Pattern.compile(
      "relay CPU per message: \\d+\\.\\d us in the kernel \\(.*\\), -?\\d+\\.\\d us in user"
          + " space");

  @ParameterizedTest
  @EnumSource(value = TlsEngine.class, names = {"JDK", "OPENSSL"})
  void aShortRunOnEitherTlsEnginePrintsItsCostAgainstTheCryptoLimitAndItsKernelShare(
      TlsEngine engine) throws Exception {
    if (engine == TlsEngine.OPENSSL) {
      assumeTrue(TlsEngine.openSslAvailable(), "BoringSSL does not load on this machine");
    }
    LoadOptions small = LoadOptions.parse("--pairs", "1", "--seconds", "1", "--warmup", "1",
        "--tls-engine", engine.configName());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    LoadTool.run(small, new PrintStream(out, true, StandardCharsets.UTF_8));
    String report = out.toString(StandardCharsets.UTF_8);
    assertTrue(report.contains("crypto limit: 3 AES-256-GCM passes over 16384 bytes"), report);
    assertTrue(report.contains("TLS engine " + engine.configName()), report);
    assertTrue(report.contains("errors: 0"), report);
    assertTrue(RELAY_COST.matcher(report).find(), report);
    assertTrue(KERNEL_SHARE.matcher(report).find(), report);
  }
}

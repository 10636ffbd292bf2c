package io.parley.bench.agent;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class AgentBenchTest {
  @Test
  void aSmallRunMeasuresAllThreeFiguresEndToEnd() throws Exception {
    BenchOptions small = new BenchOptions(200, 2, 500, 100, 2, 16, 50, 1, 1);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    AgentBench.run(small, new PrintStream(out, true, StandardCharsets.UTF_8));
    String report = out.toString(StandardCharsets.UTF_8);
    assertTrue(report.contains("throughput: 200 messages in "), report);
    assertTrue(report.contains("latency at 500/s: 100 messages, p50 "), report);
    assertTrue(report.contains("handshake (createInvitation to both established): 2, "), report);
    assertTrue(report.contains("measured now: AES-256-GCM over 16384 bytes "), report);
    assertTrue(Pattern.compile("agent cost: \\d+\\.\\d x \\(crypto \\+ fsync\\) = \\d+ us /"
        + " \\(crypto \\d+ us: \\d+\\.\\d AES-GCM passes").matcher(report).find(), report);
  }

  @Test
  void withTwoRelaysAndRedundancyTwoTheLatencyIsMeasuredAgainWithOneRelayStopped()
      throws Exception {
    BenchOptions small = new BenchOptions(100, 1, 200, 50, 1, 16, 50, 2, 2);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    AgentBench.run(small, new PrintStream(out, true, StandardCharsets.UTF_8));
    String report = out.toString(StandardCharsets.UTF_8);
    assertTrue(report.contains("2 embedded relay(s)"), report);
    assertTrue(report.contains("redundancy 2"), report);
    assertTrue(report.contains("latency at 200/s with one relay stopped: 50 messages, p50 "),
        report);
    assertTrue(report.contains("handshake (createInvitation to both established): 1, "), report);
  }
}

package io.parley.bench.scale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.bench.common.HelpAndVersion;
import io.parley.bench.common.UsageException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScaleBenchTest {
  @Test
  void aSmallRunMakesTheConnectionsFansOutAnAlertAndResubscribesEveryQueueAfterARestart()
      throws Exception {
    ScaleOptions small = new ScaleOptions(6, 6, 6, 64);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ScaleBench.run(small, new PrintStream(out, true, StandardCharsets.UTF_8));
    String report = out.toString(StandardCharsets.UTF_8);
    assertTrue(report.contains("X25519 on libsodium: ")
        || report.contains("X25519 on BouncyCastle: "), report);
    assertTrue(report.contains("set-up: 6 connections established in "), report);
    assertTrue(report.contains("fan-out: 6 alerts all queued in "), report);
    assertTrue(report.contains(" us per alert (relays and both agents)"), report);
    // Two relays, redundancy 2 by default: two receive queues per connection.
    assertTrue(report.contains("12 queues on 2 relays all subscribed "), report);
    assertTrue(report.contains("heap: receiver "), report);
    assertTrue(report.contains("health calls during the re-subscription: "), report);
  }

  @Test
  void aSecondRunOnAKeptDataDirectorySkipsTheSetUpAndMeasuresTheRestartOnTheSameConnections(
      @TempDir Path data) throws Exception {
    ScaleOptions kept = new ScaleOptions(4, 4, 0, 64, data);
    ScaleBench.run(kept, new PrintStream(new ByteArrayOutputStream(), true,
        StandardCharsets.UTF_8));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ScaleBench.run(kept, new PrintStream(out, true, StandardCharsets.UTF_8));
    String report = out.toString(StandardCharsets.UTF_8);
    assertTrue(report.contains("set-up: 4 connections kept in "), report);
    assertTrue(report.contains("8 queues on 2 relays all subscribed "), report);
  }

  @Test
  void helpAndVersionExitZeroWithoutRunning() {
    HelpAndVersion.assertAnsweredWithoutRunning("ScaleBench", ScaleOptions.Flags::new,
        ScaleOptions::from);
  }

  @Test
  void theFanOutDefaultsToTheConnectionsMadeAndMayNotExceedThem() throws Exception {
    assertEquals(500, ScaleOptions.parse("--connections", "500").fanout());
    assertEquals(ScaleOptions.DEFAULT_FANOUT, ScaleOptions.parse().fanout());
    UsageException e = assertThrows(UsageException.class,
        () -> ScaleOptions.parse("--connections", "10", "--fanout", "11"));
    assertTrue(e.getMessage().contains("--fanout"), e.getMessage());
  }
}

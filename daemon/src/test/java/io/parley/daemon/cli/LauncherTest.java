package io.parley.daemon.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LauncherTest {
  @TempDir Path data;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  /** Starts with the API on a free port, so tests never collide with a real daemon's 7780. */
  private Launcher.Outcome start(String... flags) {
    String[] args = java.util.Arrays.copyOf(flags, flags.length + 2);
    args[flags.length] = "--api-port";
    args[flags.length + 1] = "0";
    return Launcher.start(args, Map.of(), data.resolve("home"),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), logs -> { });
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void helpPrintsUsageAndExitsWithStatusZero() {
    Launcher.Outcome o = start("--help");
    assertEquals(new Launcher.Exit(ExitCode.OK), o);
    assertTrue(out().startsWith("Usage: parleyd"), out());
    assertTrue(out().contains("--relay-port=PORT"));
  }

  @Test
  void aBadFlagExitsWithStatusTwoAndSaysWhy() {
    Launcher.Outcome o = start("--data", data.toString(), "--verbose");
    assertEquals(ExitCode.USAGE.status(), ((Launcher.Exit) o).code().status());
    assertEquals("parleyd: unknown option --verbose (try --help)", err().strip());
    assertTrue(err().contains("--help"));
  }

  @Test
  void aBadSettingsFileIsAUsageErrorAndStartsNothing() throws IOException {
    Files.writeString(data.resolve("parleyd.properties"), "relay.port=seventy\n");
    assertEquals(new Launcher.Exit(ExitCode.USAGE), start("--data", data.toString()));
    assertTrue(err().contains("relay.port"), err());
    assertFalse(Files.exists(data.resolve(EmbeddedRelay.DIR)), "nothing was started");
  }

  @Test
  void oneCommandStartsAWorkingDaemonWithItsOwnRelayAndPrintsNoSecrets() {
    Launcher.Outcome o = start("--data", data.toString(), "--name", "test bot");
    RunningDaemon daemon = assertInstanceOf(Launcher.Started.class, o).daemon();
    try {
      String summary = out();
      assertFalse(summary.contains(Launcher.READY_LINE),
          "ready is announced by the entry point once its shutdown hook is in place");
      assertTrue(summary.contains("parleyd: data directory " + data.toAbsolutePath()), summary);
      assertTrue(summary.contains(Launcher.RELAY_LINE + "smp://"), summary);
      assertTrue(summary.contains("@127.0.0.1:" + daemon.embeddedRelayPort().orElseThrow()));
      assertTrue(summary.contains("profile name \"test bot\""), summary);
      assertFalse(summary.contains("parley:/"), "no link is printed");
      assertFalse(summary.contains("PRIVATE"), "no key is printed");
      assertEquals(1, daemon.relays().size());
    } finally {
      assertTrue(daemon.stop(), "stopped within the deadline");
    }
  }

  @Test
  void aSecondDaemonOnTheSameDataDirectoryIsRefused() {
    RunningDaemon first = assertInstanceOf(Launcher.Started.class,
        start("--data", data.toString())).daemon();
    try {
      assertEquals(new Launcher.Exit(ExitCode.FAILURE), start("--data", data.toString()));
      assertTrue(err().contains("another parleyd is using"), err());
    } finally {
      first.stop();
    }
    RunningDaemon again = assertInstanceOf(Launcher.Started.class,
        start("--data", data.toString())).daemon();
    assertTrue(again.stop());
  }

  private Launcher.Outcome console(String... args) {
    return Launcher.start(args, Map.of(), data.resolve("home"),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), logs -> { });
  }

  private static String linkIn(String output) {
    return output.lines().filter(l -> l.startsWith(Launcher.CONSOLE_LINE)).findFirst()
        .map(l -> l.substring(Launcher.CONSOLE_LINE.length())).orElseThrow(
            () -> new AssertionError("no sign-in line in: " + output));
  }

  @Test
  void theStartupSummaryAndParleydConsolePrintFreshSignInLinksThatNeverReachTheLog() {
    java.util.List<String> logged = new java.util.concurrent.CopyOnWriteArrayList<>();
    java.util.logging.Handler capture = new java.util.logging.Handler() {
      @Override
      public void publish(java.util.logging.LogRecord r) {
        logged.add(String.valueOf(r.getMessage()) + java.util.Arrays.toString(r.getParameters()));
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
    root.addHandler(capture);
    RunningDaemon daemon = assertInstanceOf(Launcher.Started.class,
        start("--data", data.toString())).daemon();
    try {
      String atStart = linkIn(out());
      String base = "http://127.0.0.1:" + daemon.apiPort();
      assertTrue(atStart.startsWith(base + "/console/sign-in?code="), atStart);
      assertTrue(out().contains("parleyd: web console at " + base + "/"), out());
      out.reset();
      assertEquals(new Launcher.Exit(ExitCode.OK), console("--data", data.toString(),
          "--api-port", String.valueOf(daemon.apiPort()), "console"), err());
      String onDemand = linkIn(out());
      assertTrue(onDemand.startsWith(base + "/console/sign-in?code="), onDemand);
      assertFalse(onDemand.equals(atStart), "each link is new");
      String code = onDemand.substring(onDemand.indexOf('=') + 1);
      assertTrue(logged.stream().noneMatch(l -> l.contains(code)
          || l.contains(atStart.substring(atStart.indexOf('=') + 1))), "no link is logged");
    } finally {
      root.removeHandler(capture);
      assertTrue(daemon.stop());
    }
    out.reset();
    assertEquals(new Launcher.Exit(ExitCode.FAILURE), console("--data", data.toString(),
        "--api-port", String.valueOf(daemon.apiPort()), "console"));
    assertTrue(err().contains("no daemon answers"), err());
  }
}

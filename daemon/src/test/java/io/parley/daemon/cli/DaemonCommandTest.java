package io.parley.daemon.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.daemon.config.DaemonConfig;
import io.parley.launch.Version;
import io.parley.launch.logging.LogFormat;
import io.parley.launch.logging.LogLevel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code parleyd}'s options from the command line, the environment and
 * {@code DATA/parleyd.properties}, without starting a daemon.
 */
class DaemonCommandTest {
  private static final String RELAY_A =
      "smp://AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA@relay-a.example:5223";
  private static final String RELAY_B =
      "smp://BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBA@relay-b.example";

  @TempDir Path dir;
  private Path data;
  private Path home;
  private final Map<String, String> env = new HashMap<>();
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeEach
  void paths() {
    data = dir.resolve("data");
    home = dir.resolve("home");
  }

  private Object parse(String... args) {
    return Launcher.parse(args, env, home, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private Launcher.Parsed parsed(String... args) {
    return assertInstanceOf(Launcher.Parsed.class, parse(args), err());
  }

  private DaemonConfig config(String... args) {
    return parsed(args).config();
  }

  private void usageError(String expected, String... args) {
    assertEquals(new Launcher.Exit(ExitCode.USAGE), parse(args));
    assertTrue(err().contains(expected), err());
    assertEquals(1, err().lines().count(), "one line: " + err());
    assertTrue(err().startsWith("parleyd: "), err());
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  private void settings(String content) throws IOException {
    Files.createDirectories(data);
    Files.writeString(data.resolve(DaemonConfig.FILE_NAME), content, StandardCharsets.UTF_8);
  }

  @Test
  void everyFlagIsParsedInBothSpaceAndEqualsForms() {
    DaemonConfig c = config("--data", data.toString(), "--relay=" + RELAY_A, "--relay", RELAY_B,
        "--name=bot one", "--api-port", "0", "--api-bind", "0.0.0.0", "--api-host", "parley.lan",
        "--api-host=other", "--shutdown-timeout-millis", "2500");
    assertEquals(data.toAbsolutePath(), c.dataDir());
    assertEquals(List.of("relay-a.example", "relay-b.example"),
        c.relays().stream().map(r -> r.host()).toList());
    assertEquals(5223, c.relays().get(1).port(), "the default port fills in");
    assertEquals("bot one", c.profileName());
    assertEquals(0, c.apiPort());
    assertEquals("0.0.0.0", c.apiBind());
    assertEquals(List.of("parley.lan", "other"), c.apiHosts());
    assertEquals(2500, c.shutdownTimeoutMillis());
  }

  @Test
  void withNothingSetEveryNamedDefaultApplies() {
    Launcher.Parsed p = parsed("--data", data.toString());
    DaemonConfig c = p.config();
    assertTrue(c.embeddedRelay());
    assertEquals(DaemonConfig.DEFAULT_PROFILE_NAME, c.profileName());
    assertEquals(DaemonConfig.PORT_REMEMBERED, c.embeddedRelayPort());
    assertEquals(DaemonConfig.DEFAULT_SHUTDOWN_TIMEOUT_MILLIS, c.shutdownTimeoutMillis());
    assertEquals(DaemonConfig.DEFAULT_API_PORT, c.apiPort());
    assertEquals("127.0.0.1", c.apiBind());
    assertEquals(DaemonConfig.DEFAULT_REDUNDANCY, c.redundancy());
    assertEquals(LogFormat.TEXT, p.logs().format());
    assertEquals(LogLevel.INFO, p.logs().level());
  }

  @Test
  void withoutDataTheDirectoryIsParleyUnderXdgDataHome() {
    env.put("XDG_DATA_HOME", dir.resolve("xdg").toString());
    assertEquals(dir.resolve("xdg/parley"), config().dataDir());
  }

  @Test
  void withoutDataOrAnAbsoluteXdgDataHomeTheDirectoryIsUnderHomeLocalShare() {
    assertEquals(home.resolve(".local/share/parley"), config().dataDir());
    env.put("XDG_DATA_HOME", "relative/xdg");
    assertEquals(home.resolve(".local/share/parley"), config().dataDir(),
        "a relative XDG_DATA_HOME is ignored, as the specification says");
  }

  @Test
  void theSettingsFileOfTheDefaultDirectoryIsRead() throws IOException {
    env.put("XDG_DATA_HOME", dir.toString());
    data = dir.resolve("parley");
    settings("name = from-xdg\n");
    assertEquals("from-xdg", config().profileName());
  }

  @Test
  void everyKeyOfTheSettingsFileIsRead() throws IOException {
    settings("relays = " + RELAY_A + ",  " + RELAY_B + "\nname = Alerts bot\n"
        + "shutdown.timeout.millis = 2500\napi.port = 0\napi.bind = 192.168.1.20\n"
        + "api.hosts = parley.lan, x\nlog.format = json\nlog.level = debug\n"
        + "redundancy = 3\n");
    Launcher.Parsed p = parsed("--data", data.toString());
    DaemonConfig c = p.config();
    assertEquals(2, c.relays().size());
    assertEquals("Alerts bot", c.profileName());
    assertEquals(2500, c.shutdownTimeoutMillis());
    assertEquals(0, c.apiPort());
    assertEquals("192.168.1.20", c.apiBind());
    assertEquals(List.of("parley.lan", "x"), c.apiHosts());
    assertEquals(LogFormat.JSON, p.logs().format());
    assertEquals(LogLevel.DEBUG, p.logs().level());
    assertEquals(3, c.redundancy());
    settings("relay.port=41234\n");
    assertEquals(41234, config("--data", data.toString()).embeddedRelayPort());
  }

  @Test
  void theCommandLineWinsOverTheEnvironmentWhichWinsOverTheFile() throws IOException {
    settings("name = from-file\napi.port = 7001\nrelay.port = 41000\n");
    env.put("PARLEY_DATA", data.toString());
    env.put("PARLEY_NAME", "from-env");
    env.put("PARLEY_API_PORT", "7002");
    DaemonConfig c = config("--api-port", "7003");
    assertEquals(data.toAbsolutePath(), c.dataDir(), "PARLEY_DATA names the directory");
    assertEquals(7003, c.apiPort(), "flag over environment and file");
    assertEquals("from-env", c.profileName(), "environment over file");
    assertEquals(41000, c.embeddedRelayPort(), "file over default");
  }

  @Test
  void aRelayFlagReplacesTheFilesWholeList() throws IOException {
    settings("relays = " + RELAY_A + "\n");
    assertEquals(List.of("relay-b.example"), config("--data", data.toString(), "--relay",
        RELAY_B).relays().stream().map(r -> r.host()).toList());
  }

  @Test
  void aMisspeltKeyInTheFileIsAUsageErrorNamingIt() throws IOException {
    settings("relay=" + RELAY_A);
    usageError("unknown setting(s) [relay]", "--data", data.toString());
  }

  @Test
  void aBadValueIsBlamedOnTheFileKeyOrVariableThatGaveIt() throws IOException {
    settings("relay.port=seventy\n");
    usageError("parleyd.properties: relay.port: must be a port number from 1 to 65535",
        "--data", data.toString());
    err.reset();
    settings("");
    env.put("PARLEY_API_PORT", "70000");
    usageError("PARLEY_API_PORT: must be a port number from 0 to 65535",
        "--data", data.toString());
  }

  @Test
  void aMalformedRelayAddressIsExplainedWithoutEchoingIt() {
    usageError("--relay: relay address must start with smp://", "--data", data.toString(),
        "--relay", "https://relay.example/secret");
    assertFalse(err().contains("secret"), err());
  }

  @Test
  void anUnknownOptionIsNamedInTheError() {
    usageError("parleyd: unknown option --colour (try --help)", "--data", data.toString(),
        "--colour=red");
  }

  @Test
  void aStrayPositionalArgumentIsRefusedWithoutEchoingIt() {
    usageError("position 3", "--data", data.toString(), "parley:/invitation#/?secret");
    assertFalse(err().contains("secret"), err());
  }

  @Test
  void aSingleValuedFlagGivenTwiceOrWithoutItsValueIsAUsageError() {
    usageError("--data", "--data", "/a", "--data", "/b");
    err.reset();
    usageError("--name", "--data", data.toString(), "--name");
  }

  @Test
  void anOutOfRangeOrNonNumericRelayPortIsRefused() {
    for (String bad : new String[] {"0", "65536", "99999999999", "-1", "http", ""}) {
      err.reset();
      usageError("--relay-port: must be a port number", "--data", data.toString(),
          "--relay-port=" + bad);
    }
  }

  @Test
  void theRedundancyIsParsedAndOneOutsideOneToEightIsAUsageError() {
    assertEquals(3, config("--data", data.toString(), "--redundancy=3").redundancy());
    assertEquals(DaemonConfig.DEFAULT_REDUNDANCY, config("--data", data.toString()).redundancy());
    for (String bad : List.of("0", "9", "two")) {
      err.reset();
      usageError("--redundancy", "--data", data.toString(), "--redundancy", bad);
      assertTrue(err().contains("from 1 to " + DaemonConfig.MAX_REDUNDANCY), err());
    }
  }

  @Test
  void thePostQuantumRatchetIsOnByDefaultAndTurnedOffByFlagEnvironmentOrFile()
      throws IOException {
    assertTrue(config("--data", data.toString()).postQuantum());
    assertFalse(config("--data", data.toString(), "--post-quantum=off").postQuantum());
    settings("post.quantum = off\n");
    assertFalse(config("--data", data.toString()).postQuantum());
    env.put("PARLEY_POST_QUANTUM", "on");
    assertTrue(config("--data", data.toString()).postQuantum(), "environment over file");
    env.remove("PARLEY_POST_QUANTUM");
    err.reset();
    usageError("--post-quantum", "--data", data.toString(), "--post-quantum", "yes");
    assertTrue(err().contains("on or off"), err());
  }

  @Test
  void theRotationIntervalDefaultsToFourteenDaysAndIsSetByFlagEnvironmentOrFileWithZeroOff()
      throws IOException {
    assertEquals(14L * 86_400_000, config("--data", data.toString()).rotationIntervalMillis());
    assertEquals(0, config("--data", data.toString(), "--rotation-interval=0")
        .rotationIntervalMillis());
    assertEquals(12L * 3_600_000, config("--data", data.toString(), "--rotation-interval",
        "12h").rotationIntervalMillis());
    settings("rotation.interval = 30m\n");
    assertEquals(30L * 60_000, config("--data", data.toString()).rotationIntervalMillis());
    env.put("PARLEY_ROTATION_INTERVAL", "2d");
    assertEquals(2L * 86_400_000, config("--data", data.toString()).rotationIntervalMillis(),
        "environment over file");
    env.remove("PARLEY_ROTATION_INTERVAL");
    for (String bad : List.of("14", "two weeks", "-1d", "5y")) {
      err.reset();
      usageError("--rotation-interval", "--data", data.toString(), "--rotation-interval", bad);
      assertTrue(err().contains("ms, s, m, h or d"), err());
    }
  }

  @Test
  void theRedundancyDefaultsToTwoAndTheFileOrEnvironmentSetsItWithinOneToEight()
      throws IOException {
    settings("redundancy = 1\n");
    assertEquals(1, config("--data", data.toString()).redundancy());
    env.put("PARLEY_REDUNDANCY", "4");
    assertEquals(4, config("--data", data.toString()).redundancy(), "environment over file");
    env.remove("PARLEY_REDUNDANCY");
    for (String bad : List.of("0", "9")) {
      err.reset();
      settings("redundancy = " + bad + "\n");
      usageError("parleyd.properties: redundancy: must be a number from 1 to "
          + DaemonConfig.MAX_REDUNDANCY, "--data", data.toString());
    }
  }

  @Test
  void theRelayPortTogetherWithAnExternalRelayIsContradictory() {
    usageError("embedded relay", "--data", data.toString(), "--relay", RELAY_A,
        "--relay-port", "5000");
  }

  @Test
  void anAbsurdNumberOfArgumentsIsRefusedBeforeParsing() {
    String[] many = new String[Launcher.MAX_ARGUMENTS + 1];
    java.util.Arrays.fill(many, "--relay");
    usageError("too many arguments", many);
  }

  @Test
  void helpListsEveryOptionAndTheEnvironmentRuleAndExitsZero() {
    assertEquals(new Launcher.Exit(ExitCode.OK), parse("--data", "/d", "--help"));
    String usage = out.toString(StandardCharsets.UTF_8);
    assertTrue(usage.startsWith("Usage: parleyd"), usage);
    for (String option : List.of("--data", "--relay", "--name", "--relay-port", "--api-port",
        "--api-bind", "--api-host", "--shutdown-timeout-millis", "--redundancy", "--log-format",
        "--log-level", "--version", "PARLEY_DATA", "parleyd.properties")) {
      assertTrue(usage.contains(option), option + " in " + usage);
    }
    assertEquals("", err());
  }

  @Test
  void versionPrintsTheBuildVersionAndExitsZero() {
    assertEquals(new Launcher.Exit(ExitCode.OK), parse("-V"));
    assertEquals("parleyd " + Version.current(), out.toString(StandardCharsets.UTF_8).strip());
    assertFalse(Version.current().equals(Version.UNKNOWN));
  }
}

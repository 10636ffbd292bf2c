package io.parley.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.launch.logging.LogFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandLinesTest {
  @TempDir Path dir;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private CommandLines.Result parse(Map<String, String> env, String... args) {
    return CommandLines.parse(new TestCommand(), args, OptionDefaults.environment(env),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private CommandLines.Result parseWithFile(Map<String, String> env, String... args) {
    OptionDefaults defaults = OptionDefaults.environmentThenFile(env,
        () -> dir.resolve("tool.properties"),
        Map.of("--api-port", "api.port", "--name", "name", "--relay", "relays"),
        Set.of("shutdown.timeout.millis"));
    CommandLines.Result r = CommandLines.parse(new TestCommand(), args, defaults,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    if (r instanceof CommandLines.Run && defaults.failure() != null) {
      return CommandLines.usageError(new PrintStream(err, true, StandardCharsets.UTF_8), "tool",
          defaults.failure().getMessage());
    }
    return r;
  }

  private TestCommand run(CommandLines.Result r) {
    return assertInstanceOf(CommandLines.Run.class, r, err.toString(StandardCharsets.UTF_8))
        .options();
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void helpPrintsUsageWithTheEnvironmentRuleAndExitsZero() {
    assertEquals(new CommandLines.Exit(0), parse(Map.of(), "--help"));
    String usage = out.toString(StandardCharsets.UTF_8);
    assertTrue(usage.startsWith("Usage: tool"), usage);
    assertTrue(usage.contains("--api-port=PORT"), usage);
    assertTrue(usage.contains("PARLEY_DATA"), usage);
    assertEquals("", err());
  }

  @Test
  void versionPrintsTheCommandNameAndTheBuildVersionAndExitsZero() {
    assertEquals(new CommandLines.Exit(0), parse(Map.of(), "--version"));
    assertEquals("tool " + Version.current(), out.toString(StandardCharsets.UTF_8).strip());
  }

  @Test
  void theBuildVersionIsTheMavenProjectVersionNotAPlaceholder() {
    assertTrue(Version.current().matches("[0-9]+\\.[0-9]+\\.[0-9]+.*"), Version.current());
  }

  @Test
  void anUnknownOptionIsOneLineOnStandardErrorAndExitTwo() {
    assertEquals(new CommandLines.Exit(2), parse(Map.of(), "--colour=red"));
    assertEquals("tool: unknown option --colour (try --help)", err().strip());
    assertEquals("", out.toString(StandardCharsets.UTF_8));
  }

  @Test
  void aStrayArgumentIsNamedByItsPositionNotEchoed() {
    assertEquals(new CommandLines.Exit(2),
        parse(Map.of(), "--name", "x", "parley:/invitation#/?secret"));
    assertFalse(err().contains("secret"), err());
    assertTrue(err().contains("position 3"), err());
    assertEquals(1, err().strip().lines().count());
  }

  @Test
  void anOptionGivenTwiceIsAUsageError() {
    assertEquals(new CommandLines.Exit(2), parse(Map.of(), "--name", "a", "--name", "b"));
    assertTrue(err().contains("--name"), err());
  }

  @Test
  void anOptionComesFromTheEnvironmentVariableNamedAfterIt() {
    TestCommand c = run(parse(Map.of("PARLEY_API_PORT", "7790", "PARLEY_LOG_FORMAT", "json",
        "PARLEY_RELAY", "a b"), "--name", "n"));
    assertEquals(7790, c.apiPort);
    assertEquals(LogFormat.JSON, c.logs.format());
    assertEquals(List.of("a", "b"), c.relays);
  }

  @Test
  void theCommandLineWinsOverTheEnvironmentAndAnEmptyVariableIsUnset() {
    TestCommand c = run(parse(Map.of("PARLEY_API_PORT", "7790", "PARLEY_NAME", ""),
        "--api-port", "7791"));
    assertEquals(7791, c.apiPort);
    assertEquals(null, c.name);
  }

  @Test
  void aBadEnvironmentValueIsBlamedOnTheVariable() {
    assertEquals(new CommandLines.Exit(2), parse(Map.of("PARLEY_LOG_FORMAT", "xml")));
    assertTrue(err().startsWith("tool: PARLEY_LOG_FORMAT: "), err());
  }

  @Test
  void precedenceIsCommandLineThenEnvironmentThenFileThenDefault() throws IOException {
    Files.writeString(dir.resolve("tool.properties"),
        "api.port = 7001\nname = from-file\nrelays = r1, r2\n");
    TestCommand fileOnly = run(parseWithFile(Map.of()));
    assertEquals(7001, fileOnly.apiPort);
    assertEquals("from-file", fileOnly.name);
    assertEquals(List.of("r1", "r2"), fileOnly.relays);

    TestCommand envOverFile = run(parseWithFile(Map.of("PARLEY_API_PORT", "7002")));
    assertEquals(7002, envOverFile.apiPort);
    assertEquals("from-file", envOverFile.name);

    TestCommand flagOverAll = run(parseWithFile(Map.of("PARLEY_API_PORT", "7002"),
        "--api-port", "7003", "--relay", "r3"));
    assertEquals(7003, flagOverAll.apiPort);
    assertEquals(List.of("r3"), flagOverAll.relays, "a flag replaces the file's whole list");

    Files.delete(dir.resolve("tool.properties"));
    assertEquals(7780, run(parseWithFile(Map.of())).apiPort, "the built-in default");
  }

  @Test
  void anUnknownKeyInTheSettingsFileIsAUsageErrorEvenWhenFlagsSetEverything()
      throws IOException {
    Files.writeString(dir.resolve("tool.properties"), "api.prot = 7001\n");
    assertEquals(new CommandLines.Exit(2), parseWithFile(Map.of(), "--api-port", "1",
        "--name", "n", "--relay", "r"));
    assertTrue(err().contains("api.prot"), err());
  }

  @Test
  void aBadValueInTheSettingsFileIsBlamedOnTheFileAndKey() throws IOException {
    Files.writeString(dir.resolve("tool.properties"), "api.port = seventy\n");
    assertEquals(new CommandLines.Exit(2), parseWithFile(Map.of()));
    assertTrue(err().contains("tool.properties: api.port"), err());
  }
}

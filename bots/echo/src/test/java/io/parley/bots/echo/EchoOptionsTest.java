package io.parley.bots.echo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.launch.CommandLines;
import io.parley.launch.Version;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The echo bot's command line. */
class EchoOptionsTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private CommandLines.Result parse(EchoOptions o, Map<String, String> env, String... args) {
    return CommandLines.parse(o, args, EchoOptions.defaults(env),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void apiTokenFileAndNameAreReadFromFlagsOrTheEnvironment() {
    EchoOptions o = new EchoOptions();
    assertInstanceOf(CommandLines.Run.class, parse(o, Map.of(), "--api", "http://127.0.0.1:1",
        "--token-file", "/t", "--name", "e2"));
    assertEquals("http://127.0.0.1:1", o.api);
    assertEquals(Path.of("/t"), o.tokenFile);
    assertEquals("e2", o.name());
    EchoOptions defaults = new EchoOptions();
    parse(defaults, Map.of());
    assertEquals(EchoOptions.DEFAULT_NAME, defaults.name());
    EchoOptions env = new EchoOptions();
    parse(env, Map.of("PARLEY_ECHO_NAME", "from-env", "PARLEY_API", "http://127.0.0.1:2"));
    assertEquals("from-env", env.name());
    assertEquals("http://127.0.0.1:2", env.api);
  }

  @Test
  void anUnknownArgumentOrAMissingValueIsAOneLineUsageErrorWithStatusTwo() {
    for (String[] args : new String[][] {{"--bogus"}, {"--api"}}) {
      err.reset();
      assertEquals(new CommandLines.Exit(2), parse(new EchoOptions(), Map.of(), args));
      assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("echo-bot: "), err.toString());
      assertEquals(1, err.toString(StandardCharsets.UTF_8).lines().count());
    }
  }

  @Test
  void helpAndVersionExitZeroAndVersionIsTheBuilds() {
    assertEquals(new CommandLines.Exit(0), parse(new EchoOptions(), Map.of(), "-h"));
    assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("Usage: echo-bot"));
    out.reset();
    assertEquals(new CommandLines.Exit(0), parse(new EchoOptions(), Map.of(), "--version"));
    assertEquals("echo-bot " + Version.current(), out.toString(StandardCharsets.UTF_8).strip());
    assertFalse(Version.current().equals(Version.UNKNOWN));
  }
}

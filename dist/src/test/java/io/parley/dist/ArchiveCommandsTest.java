package io.parley.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.protocol.command.Response;
import io.parley.protocol.transport.RelayAddress;
import io.parley.relay.client.BlockingRelayClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The archive's commands run from a fresh unpack, the way its README says. */
class ArchiveCommandsTest {
  /** Longest a JVM of the archive may take to start serving on a loaded machine. */
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
  /** Longest a command that only prints may take. */
  private static final Duration SHORT_TIMEOUT = Duration.ofSeconds(60);
  /** The children's heap: enough for a test relay or daemon, small beside other builds. */
  private static final Map<String, String> SMALL_JVM = Map.of("JAVA_OPTS", "-Xmx256m");
  /** A relay address in a line the relay prints. */
  private static final Pattern RELAY_ADDRESS = Pattern.compile("smp://\\S+");
  /** The API's base URL in a line the daemon prints. */
  private static final Pattern API_URL = Pattern.compile("http://[^\\s/]+");
  /** A key that a sample file leaves commented at its default. */
  private static final Pattern COMMENTED_KEY = Pattern.compile("^#([a-z][a-z.]*=.*)$");

  @TempDir
  static Path unpacked;
  private static Path home;

  @TempDir
  Path work;

  @BeforeAll
  static void unpack() throws Exception {
    home = Archive.unpack(unpacked);
  }

  @Test
  void theArchiveHoldsExecutableLaunchersTheirJarsSampleSettingsAndUnits() throws IOException {
    for (String command : List.of("parleyd", "parley-relay", "parley-echo", "parley-notifier",
        "parley")) {
      Path script = home.resolve("bin").resolve(command);
      assertTrue(Files.getPosixFilePermissions(script).containsAll(Set.of(
          PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.GROUP_EXECUTE,
          PosixFilePermission.OTHERS_EXECUTE)), command + " is executable by everyone");
      assertTrue(Files.readString(script).startsWith("#!/bin/sh\n"), command + " is sh");
    }
    for (String file : List.of("lib/launch.sh", "lib/parleyd.jar", "lib/parley-relay.jar",
        "lib/echo-bot.jar", "lib/notifier-bot.jar", "lib/parley.jar", "etc/parleyd.properties",
        "etc/relay.properties", "systemd/parleyd.service", "systemd/parley-relay.service",
        "README.txt")) {
      assertTrue(Files.isRegularFile(home.resolve(file)), file + " is in the archive");
    }
  }

  @Test
  void everyLauncherRunsItsOwnProgramWhichAnswersHelpWithStatusZero() throws Exception {
    // Each program's usage names it: a launcher pointing at another jar would show.
    Map<String, String> nameInUsage = Map.of("parleyd", "parleyd", "parley-relay", "relay",
        "parley-echo", "echo", "parley-notifier", "notifier", "parley", "talk to people and bots");
    for (Map.Entry<String, String> launcher : nameInUsage.entrySet()) {
      ShortCommand help = ShortCommand.run(List.of(
          home.resolve("bin").resolve(launcher.getKey()).toString(), "--help"),
          withInheritedEnvironment(Map.of("JAVA_OPTS", "-Xmx64m")), work, SHORT_TIMEOUT);

      assertEquals(0, help.exitCode(), launcher.getKey() + ": " + help.stderr());
      assertTrue(help.stdout().toLowerCase(Locale.ROOT).contains(launcher.getValue()),
          launcher.getKey() + " --help names " + launcher.getValue() + ": " + help.stdout());
    }
  }

  @Test
  void aRelayStartedFromTheArchiveWithEverySampleSettingSetAnswersPingAndExitsZeroOnSigterm()
      throws Exception {
    Path dir = work.resolve("relay");
    Path relay = home.resolve("bin/parley-relay");
    ShortCommand init = ShortCommand.run(List.of(relay.toString(), "init", "--dir",
        dir.toString(), "--host", "127.0.0.1"), withInheritedEnvironment(SMALL_JVM), work,
        SHORT_TIMEOUT);
    assertEquals(0, init.exitCode(), init.stderr());
    // The sample replaces what init wrote, every key set to the default it documents, so a
    // key or a value the relay does not accept stops this start.
    Files.writeString(dir.resolve("relay.properties"), everyKeySet(
        home.resolve("etc/relay.properties")), StandardCharsets.UTF_8);

    try (LaunchedProcess started = LaunchedProcess.start(List.of(relay.toString(), "start",
        "--dir", dir.toString(), "--host", "127.0.0.1", "--port", "0"), SMALL_JVM,
        work.resolve("relay-stderr.txt"))) {
      String line = started.awaitLine("the relay's address", START_TIMEOUT,
          l -> RELAY_ADDRESS.matcher(l).find());
      RelayAddress address = RelayAddress.parse(found(RELAY_ADDRESS, line));
      try (BlockingRelayClient client = BlockingRelayClient.connect(address)) {
        assertInstanceOf(Response.Pong.class, client.request(client.ping()));
      }
      assertEquals(0, started.terminate(), started.stderr());
      assertTrue(started.stdout().contains("relay stopped"), () -> "stdout: "
          + started.stdout() + "; stderr: " + started.stderr());
    }
  }

  @Test
  void theDaemonStartedFromTheArchiveWithTheSampleSettingsServesItsApiAndExitsZeroOnSigterm()
      throws Exception {
    Path dir = work.resolve("daemon");
    Files.createDirectories(dir);
    // relays would need a real relay, relay.port a port known to be free: both stay at their
    // defaults; every other key is set.
    String settings = everyKeySet(home.resolve("etc/parleyd.properties")).lines()
        .filter(l -> !l.startsWith("relays=") && !l.startsWith("relay.port="))
        .collect(Collectors.joining("\n"));
    Files.writeString(dir.resolve("parleyd.properties"), settings, StandardCharsets.UTF_8);

    try (LaunchedProcess daemon = LaunchedProcess.start(List.of(
        home.resolve("bin/parleyd").toString(), "--data", dir.toString(), "--api-port", "0"),
        SMALL_JVM, work.resolve("daemon-stderr.txt"))) {
      String api = daemon.awaitLine("the API's address", START_TIMEOUT,
          l -> l.contains("api listening on") && API_URL.matcher(l).find());
      daemon.awaitLine("the daemon's ready line", START_TIMEOUT, "parleyd: ready"::equals);
      URI health = URI.create(found(API_URL, api) + "/v1/health");
      HttpResponse<String> response = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(health).timeout(SHORT_TIMEOUT).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(200, response.statusCode(), response.body());
      // The terminal client of the archive talks to it.
      ShortCommand list = ShortCommand.run(List.of(home.resolve("bin/parley").toString(),
          "connections", "--json", "--api", found(API_URL, api), "--token-file",
          dir.resolve("api.token").toString()), withInheritedEnvironment(SMALL_JVM), work,
          SHORT_TIMEOUT);
      assertEquals(0, list.exitCode(), list.stderr());
      assertEquals("{\"connections\":[]}", list.stdout().strip());
      assertEquals(0, daemon.terminate(), daemon.stderr());
    }
  }

  @Test
  void aLauncherCalledThroughASymbolicLinkFindsItsInstallationAndTheJavaOfJavaHome()
      throws Exception {
    Path linkDir = Files.createDirectories(work.resolve("usr-local-bin"));
    Path link = Files.createSymbolicLink(linkDir.resolve("parley-relay"),
        home.resolve("bin/parley-relay"));
    Path relative = Files.createSymbolicLink(linkDir.resolve("relay-again"),
        linkDir.relativize(link));
    // No java on this PATH: only JAVA_HOME can lead to one.
    Map<String, String> environment = Map.of("PATH", toolsWithoutJava().toString(),
        "JAVA_HOME", System.getProperty("java.home"), "JAVA_OPTS", "-Xmx64m");

    ShortCommand help = ShortCommand.run(List.of(relative.toString(), "--help"), environment,
        work, SHORT_TIMEOUT);

    assertEquals(0, help.exitCode(), help.stderr());
    assertFalse(help.stdout().isBlank(), "--help prints its usage");
  }

  @Test
  void aLauncherWithNoJavaOnThePathAndNoJavaHomeSaysSoAndExits127() throws Exception {
    ShortCommand run = ShortCommand.run(List.of(home.resolve("bin/parleyd").toString(),
        "--help"), Map.of("PATH", toolsWithoutJava().toString()), work, SHORT_TIMEOUT);

    assertEquals(127, run.exitCode(), run.stderr());
    assertEquals("parleyd: no java on the PATH; install a Java 17 or later runtime, or set"
        + " JAVA_HOME\n", run.stderr());
  }

  @Test
  void aLauncherWhoseJavaHomeHoldsNoJavaNamesTheMissingFileAndExits127() throws Exception {
    Path notAJdk = Files.createDirectories(work.resolve("not-a-jdk"));
    ShortCommand run = ShortCommand.run(List.of(home.resolve("bin/parley-notifier").toString(),
        "--help"), Map.of("PATH", toolsWithoutJava().toString(), "JAVA_HOME",
        notAJdk.toString()), work, SHORT_TIMEOUT);

    assertEquals(127, run.exitCode(), run.stderr());
    assertTrue(run.stderr().startsWith("parley-notifier: JAVA_HOME is " + notAJdk + ", but "
        + notAJdk + "/bin/java is not an executable"), run.stderr());
  }

  /** A directory for PATH with the few tools the launchers use, and no java. */
  private Path toolsWithoutJava() throws IOException {
    Path tools = work.resolve("tools");
    if (!Files.isDirectory(tools)) {
      Files.createDirectories(tools);
      for (String tool : List.of("readlink", "dirname")) {
        Path found = Stream.of("/usr/bin", "/bin").map(d -> Path.of(d, tool))
            .filter(Files::isExecutable).findFirst()
            .orElseThrow(() -> new IllegalStateException(tool + " not found"));
        Files.createSymbolicLink(tools.resolve(tool), found);
      }
    }
    return tools;
  }

  private static Map<String, String> withInheritedEnvironment(Map<String, String> extra) {
    Map<String, String> all = new HashMap<>(System.getenv());
    all.putAll(extra);
    return all;
  }

  private static String found(Pattern pattern, String line) {
    Matcher m = pattern.matcher(line);
    if (!m.find()) {
      throw new IllegalArgumentException(pattern + " not in " + line);
    }
    return m.group();
  }

  /** The sample file with its commented {@code #key=default} lines made active. */
  private static String everyKeySet(Path sample) throws IOException {
    return Files.readString(sample, StandardCharsets.UTF_8).lines()
        .map(l -> COMMENTED_KEY.matcher(l).replaceFirst("$1"))
        .collect(Collectors.joining("\n", "", "\n"));
  }
}

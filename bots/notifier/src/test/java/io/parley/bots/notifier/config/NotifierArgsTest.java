package io.parley.bots.notifier.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.bots.notifier.delivery.DeliverySettings;
import io.parley.launch.CommandLines;
import io.parley.launch.Version;
import io.parley.launch.logging.LogFormat;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NotifierArgsTest {
  private static final String API_TOKEN = "api-token-secret-value-123";

  @Test
  void flagsWinOverTheEnvironmentAndDefaultsFillTheRest(@TempDir Path dir) throws Exception {
    Path tokenFile = dir.resolve("api.token");
    Files.writeString(tokenFile, API_TOKEN + "\n");
    NotifierConfig c = NotifierArgs.parse(new String[] {"--data", dir.toString(),
        "--token-file=" + tokenFile, "--listen", "[::1]:9000"},
        Map.of("PARLEY_NOTIFY_DATA", "/elsewhere", "PARLEY_TOKEN", "other"));
    assertEquals(dir, c.dataDir());
    assertEquals(API_TOKEN, c.apiToken());
    assertEquals("::1", c.listenHost());
    assertEquals(9000, c.listenPort());
    assertEquals(NotifierConfig.DEFAULT_API, c.api());
    assertNull(c.notifyToken());
    assertEquals(tokenFile, c.apiTokenFile(), "read again when the daemon refuses the token");
    assertEquals(DeliverySettings.defaults(), c.delivery());
    assertFalse(c.receiver().acceptUnsubscribedTopics());
  }

  @Test
  void theRateLimitAndTheAnswerForTopicsNobodyFollowsAreConfigurable() throws Exception {
    NotifierConfig c = NotifierArgs.parse(new String[] {"--data", "d", "--rate-burst", "3",
        "--rate-every=60", "--unsubscribed-topics", "accept"}, Map.of("PARLEY_TOKEN", API_TOKEN));
    assertEquals(3, c.delivery().rateBurst());
    assertEquals(Duration.ofSeconds(60), c.delivery().rateRefill());
    assertTrue(c.receiver().acceptUnsubscribedTopics());
    NotifierConfig env = NotifierArgs.parse(new String[] {"--data", "d"}, Map.of(
        "PARLEY_TOKEN", API_TOKEN, "PARLEY_NOTIFY_RATE_BURST", "20",
        "PARLEY_NOTIFY_RATE_EVERY", "5", "PARLEY_NOTIFY_UNSUBSCRIBED_TOPICS", "reject"));
    assertEquals(20, env.delivery().rateBurst());
    assertEquals(Duration.ofSeconds(5), env.delivery().rateRefill());
    assertFalse(env.receiver().acceptUnsubscribedTopics());
    assertNull(env.apiTokenFile());
  }

  @Test
  void theEnvironmentAloneIsEnough() throws Exception {
    NotifierConfig c = NotifierArgs.parse(new String[0], Map.of(
        "PARLEY_API", "http://10.0.0.5:7780", "PARLEY_TOKEN", API_TOKEN,
        "PARLEY_NOTIFY_DATA", "/var/lib/notifier", "PARLEY_NOTIFY_TOKEN",
        "notify-token-from-env-0001"));
    assertEquals(URI.create("http://10.0.0.5:7780"), c.api());
    assertEquals("127.0.0.1", c.listenHost());
    assertEquals(NotifierConfig.DEFAULT_LISTEN_PORT, c.listenPort());
    assertEquals("notify-token-from-env-0001", c.notifyToken());
    assertFalse(c.toString().contains(API_TOKEN), "toString hides the API token");
    assertFalse(c.toString().contains("notify-token-from-env"), "and the notify token");
  }

  @Test
  void mistakesNameTheFlagAndNeverEchoAValue() {
    Map<String, String> env = Map.of("PARLEY_TOKEN", API_TOKEN);
    String[][] bad = {
        {"--listen", "127.0.0.1:1"},
        {"--data", "d", "--listen", "nohost"},
        {"--data", "d", "--listen", "h:port"},
        {"--data", "d", "--listen", "h:70000"},
        {"--data", "d", "--api", "ftp://x"},
        {"--data", "d", "--bogus", "secret-value"},
        {"--data", "d", "secret-value"},
        {"--data", "d", "--data", "e"},
        {"--data"},
        {"--data", "d", "--rate-burst", "0"},
        {"--data", "d", "--rate-burst", "secret-value"},
        {"--data", "d", "--rate-every", "3601"},
        {"--data", "d", "--unsubscribed-topics", "secret-value"},
    };
    for (String[] args : bad) {
      ConfigException e = assertThrows(ConfigException.class,
          () -> NotifierArgs.parse(args, env));
      assertFalse(e.getMessage().contains("secret-value"), e.getMessage());
      assertTrue(e.getMessage().contains("--"), e.getMessage());
    }
  }

  @Test
  void aMissingApiTokenOrAWeakNotifyTokenIsRefused() {
    ConfigException none = assertThrows(ConfigException.class,
        () -> NotifierArgs.parse(new String[] {"--data", "d"}, Map.of()));
    assertTrue(none.getMessage().contains("PARLEY_TOKEN"));
    ConfigException weak = assertThrows(ConfigException.class,
        () -> NotifierArgs.parse(new String[] {"--data", "d"},
            Map.of("PARLEY_TOKEN", "t", "PARLEY_NOTIFY_TOKEN", "short")));
    assertTrue(weak.getMessage().startsWith("PARLEY_NOTIFY_TOKEN must be 16-512"));
  }

  private static String parseOut(String... args) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    CommandLines.Result r = CommandLines.parse(new NotifierCommand(), args,
        NotifierCommand.defaults(Map.of()),
        new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8),
        new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
    assertEquals(new CommandLines.Exit(0), r, String.join(" ", args));
    return out.toString(java.nio.charset.StandardCharsets.UTF_8);
  }

  @Test
  void helpListsTheVariablesAndVersionIsTheBuildsBothExitingZero() {
    String usage = parseOut("--data", "d", "-h");
    assertTrue(usage.startsWith("Usage: notifier"), usage);
    for (String v : new String[] {"PARLEY_NOTIFY_DATA", "PARLEY_API", "--log-format",
        "PARLEY_NOTIFY_TOKEN"}) {
      assertTrue(usage.contains(v), v + " in " + usage);
    }
    assertEquals("notifier " + Version.current(), parseOut("--version").strip());
  }

  @Test
  void theLogFormatComesFromTheVariableEveryEntryPointShares() throws Exception {
    NotifierCommand c = new NotifierCommand();
    CommandLines.parse(c, new String[] {"--data", "d"},
        NotifierCommand.defaults(Map.of("PARLEY_LOG_FORMAT", "json")),
        new java.io.PrintStream(java.io.OutputStream.nullOutputStream()),
        new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
    assertEquals(LogFormat.JSON, c.logs().format());
  }
}

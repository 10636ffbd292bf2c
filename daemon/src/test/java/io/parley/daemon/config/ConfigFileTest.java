package io.parley.daemon.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFileTest {
  private static final String RELAY_A =
      "smp://AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA@relay-a.example:5223";
  private static final String RELAY_B =
      "smp://BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBA@relay-b.example:443";

  @TempDir Path dir;

  private DaemonConfig load(String content) throws IOException, ConfigException {
    Path file = dir.resolve(DaemonConfig.FILE_NAME);
    Files.writeString(file, content, StandardCharsets.UTF_8);
    DaemonConfig.Builder b = DaemonConfig.builder(dir);
    ConfigFile.applyTo(file, b);
    return b.build();
  }

  @Test
  void withoutAFileEveryNamedDefaultApplies() throws ConfigException {
    DaemonConfig.Builder b = DaemonConfig.builder(dir);
    ConfigFile.applyTo(dir.resolve(DaemonConfig.FILE_NAME), b);
    DaemonConfig c = b.build();
    assertTrue(c.embeddedRelay());
    assertEquals(DaemonConfig.DEFAULT_PROFILE_NAME, c.profileName());
    assertEquals(DaemonConfig.PORT_REMEMBERED, c.embeddedRelayPort());
    assertEquals(DaemonConfig.DEFAULT_SHUTDOWN_TIMEOUT_MILLIS, c.shutdownTimeoutMillis());
    assertEquals(dir.resolve("parleyd.properties"), c.configFile());
  }

  @Test
  void everyKeyOfTheFileIsRead() throws Exception {
    DaemonConfig c = load("relays = " + RELAY_A + ",  " + RELAY_B + "\n"
        + "name = Alerts bot\nshutdown.timeout.millis = 2500\n");
    assertEquals(List.of("relay-a.example", "relay-b.example"),
        c.relays().stream().map(r -> r.host()).toList());
    assertFalse(c.embeddedRelay());
    assertEquals("Alerts bot", c.profileName());
    assertEquals(2500, c.shutdownTimeoutMillis());
  }

  @Test
  void theRedundancyDefaultsToTwoAndTheFileSetsItWithinOneToEight() throws Exception {
    assertEquals(DaemonConfig.DEFAULT_REDUNDANCY, load("").redundancy());
    assertEquals(1, load("redundancy = 1\n").redundancy());
    assertThrows(ConfigException.class, () -> load("redundancy = 0\n"));
    assertThrows(ConfigException.class, () -> load("redundancy = 9\n"));
  }

  @Test
  void theLocalApiDefaultsToLoopbackOnItsNamedPortAndTheFileCanMoveIt() throws Exception {
    DaemonConfig defaults = load("");
    assertEquals(DaemonConfig.DEFAULT_API_PORT, defaults.apiPort());
    assertEquals("127.0.0.1", defaults.apiBind());
    DaemonConfig moved = load("api.port = 0\napi.bind = 192.168.1.20\napi.hosts = parley.lan, x\n");
    assertEquals(0, moved.apiPort());
    assertEquals("192.168.1.20", moved.apiBind());
    assertEquals(List.of("parley.lan", "x"), moved.apiHosts());
  }

  @Test
  void theEmbeddedRelayPortIsReadWhenNoRelaysAreListed() throws Exception {
    assertEquals(41234, load("relay.port=41234\n").embeddedRelayPort());
  }

  @Test
  void laterSourcesOverrideTheFile() throws Exception {
    Path file = dir.resolve(DaemonConfig.FILE_NAME);
    Files.writeString(file, "name=from-file\n");
    DaemonConfig.Builder b = DaemonConfig.builder(dir);
    ConfigFile.applyTo(file, b);
    assertEquals("from-cli", b.profileName("from-cli").build().profileName());
  }

  @Test
  void aMisspeltKeyIsAnErrorNamingIt() {
    ConfigException e = assertThrows(ConfigException.class, () -> load("relay=" + RELAY_A));
    assertTrue(e.getMessage().contains("unknown setting(s) [relay]"), e.getMessage());
  }

  @Test
  void aMalformedRelayNamesTheKeyAndTheProblem() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> load("relays=smp://relay.example"));
    assertTrue(e.getMessage().contains("relays: relay address has no key hash"),
        e.getMessage());
  }

  @Test
  void nonNumericOrOutOfRangeNumbersAreRefused() {
    for (String bad : new String[] {"relay.port=http", "relay.port=70000",
        "shutdown.timeout.millis=-5", "shutdown.timeout.millis=99999999999999999999",
        "shutdown.timeout.millis=0", "relay.port=1e3"}) {
      assertThrows(ConfigException.class, () -> load(bad), bad);
    }
  }

  @Test
  void aFileThatIsNotUtf8OrHasABadEscapeIsATypedError() throws IOException {
    Path file = dir.resolve(DaemonConfig.FILE_NAME);
    Files.write(file, new byte[] {'n', 'a', 'm', 'e', '=', (byte) 0xC3, (byte) 0x28});
    assertThrows(ConfigException.class,
        () -> ConfigFile.applyTo(file, DaemonConfig.builder(dir)));
    Files.writeString(file, "name=\\uZZZZ\n");
    assertThrows(ConfigException.class,
        () -> ConfigFile.applyTo(file, DaemonConfig.builder(dir)));
  }

  @Test
  void anOversizedFileIsRefusedWithoutReadingIt() throws IOException {
    Path file = dir.resolve(DaemonConfig.FILE_NAME);
    Files.write(file, new byte[(int) ConfigFile.MAX_FILE_BYTES + 1]);
    ConfigException e = assertThrows(ConfigException.class,
        () -> ConfigFile.applyTo(file, DaemonConfig.builder(dir)));
    assertTrue(e.getMessage().contains("larger than"), e.getMessage());
  }
}

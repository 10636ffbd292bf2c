package io.parley.daemon.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.protocol.transport.RelayAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DaemonConfigTest {
  private static final Path DIR = Path.of("/tmp/parley-config-test");
  private static final String HASH = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

  private static RelayAddress relay(int port) {
    return new RelayAddress(HASH, "relay.example", port);
  }

  @Test
  void aProfileNameAtTheLimitIsAcceptedAndOneCharacterMoreIsNot() throws ConfigException {
    String max = "n".repeat(DaemonConfig.MAX_PROFILE_NAME_CHARS);
    assertEquals(max, DaemonConfig.builder(DIR).profileName(max).build().profileName());
    assertThrows(ConfigException.class,
        () -> DaemonConfig.builder(DIR).profileName(max + "n").build());
  }

  @Test
  void aBlankOrControlCharacterProfileNameIsRefused() {
    assertThrows(ConfigException.class, () -> DaemonConfig.builder(DIR).profileName(" ").build());
    assertThrows(ConfigException.class,
        () -> DaemonConfig.builder(DIR).profileName("bot\nINFO fake log line").build());
  }

  @Test
  void theRelayCountIsLimitedAndDuplicatesAreRefused() throws ConfigException {
    List<RelayAddress> max = new ArrayList<>();
    for (int i = 1; i <= DaemonConfig.MAX_RELAYS; i++) {
      max.add(relay(5000 + i));
    }
    assertEquals(DaemonConfig.MAX_RELAYS, DaemonConfig.builder(DIR).relays(max).build()
        .relays().size());
    max.add(relay(6000));
    assertThrows(ConfigException.class, () -> DaemonConfig.builder(DIR).relays(max).build());
    ConfigException dup = assertThrows(ConfigException.class,
        () -> DaemonConfig.builder(DIR).relays(List.of(relay(5223), relay(5223))).build());
    assertTrue(dup.getMessage().contains("twice"));
  }

  @Test
  void anEmbeddedRelayPortWithExternalRelaysIsContradictory() {
    ConfigException e = assertThrows(ConfigException.class, () -> DaemonConfig.builder(DIR)
        .relays(List.of(relay(5223))).embeddedRelayPort(41234).build());
    assertTrue(e.getMessage().contains("embedded relay"), e.getMessage());
  }

  @Test
  void theShutdownTimeoutMustBePositiveAndBounded() throws ConfigException {
    assertEquals(1, DaemonConfig.builder(DIR).shutdownTimeoutMillis(1).build()
        .shutdownTimeoutMillis());
    assertThrows(ConfigException.class,
        () -> DaemonConfig.builder(DIR).shutdownTimeoutMillis(0).build());
    assertThrows(ConfigException.class, () -> DaemonConfig.builder(DIR)
        .shutdownTimeoutMillis(DaemonConfig.MAX_SHUTDOWN_TIMEOUT_MILLIS + 1).build());
  }
}

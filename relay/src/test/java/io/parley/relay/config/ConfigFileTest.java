package io.parley.relay.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.relay.store.StoreConfig.FsyncPolicy;
import io.parley.transport.tls.TlsEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFileTest {
  @TempDir Path dir;

  @Test
  void theWrittenFileLoadsAsDefaultsWithItsHostAndPortAndDocumentsEveryKeyWithUnits()
      throws Exception {
    ConfigFile.write(dir, "relay.example.org", 443);
    RelayConfig c = ConfigFile.load(dir, Map.of());
    RelayConfig defaults = RelayConfig.builder(dir).host("relay.example.org").port(443)
        .clock(c.clock()).build();
    assertEquals(defaults, c);
    String text = Files.readString(dir.resolve(ConfigFile.FILE_NAME));
    for (ConfigKey k : ConfigKey.values()) {
      assertTrue(text.contains(k.key() + "="), k.key());
    }
    assertTrue(text.contains("UNIT: milliseconds"));
    assertEquals(21L * 86_400, c.messageTtlSeconds());
    assertEquals(128, c.queueQuota());
  }

  @Test
  void valuesInTheFileAndCommandLineOverridesAreApplied() throws Exception {
    Files.writeString(dir.resolve(ConfigFile.FILE_NAME),
        "port=6000\nfsync=interval\nqueue.quota.messages=16\nidle.timeout.millis=1_000\n");
    RelayConfig c = ConfigFile.load(dir, Map.of(ConfigKey.PORT, "7000"));
    assertEquals(7000, c.port());
    assertEquals(FsyncPolicy.INTERVAL, c.fsync());
    assertEquals(16, c.queueQuota());
    assertEquals(1000, c.idleTimeoutMillis());
  }

  @Test
  void aMissingFileMeansEveryDefault() throws Exception {
    assertEquals(RelayConfig.DEFAULT_PORT, ConfigFile.load(dir, Map.of()).port());
  }

  @Test
  void theMetricsListenerIsOffUnlessMetricsPortNamesAPort() throws Exception {
    assertFalse(ConfigFile.load(dir, Map.of()).metricsEnabled());
    Path file = dir.resolve(ConfigFile.FILE_NAME);
    Files.writeString(file, "metrics.port=off\n");
    assertFalse(ConfigFile.load(dir, Map.of()).metricsEnabled());
    Files.writeString(file, "metrics.port=9_223\n");
    RelayConfig on = ConfigFile.load(dir, Map.of());
    assertTrue(on.metricsEnabled());
    assertEquals(9223, on.metricsPort());
  }

  @Test
  void theTlsEngineIsAutoUnlessTheFileOrCommandLineNamesOne() throws Exception {
    assertEquals(TlsEngine.AUTO, ConfigFile.load(dir, Map.of()).tlsEngine());
    Files.writeString(dir.resolve(ConfigFile.FILE_NAME), "tls.engine=JDK\n");
    assertEquals(TlsEngine.JDK, ConfigFile.load(dir, Map.of()).tlsEngine());
    assertEquals(TlsEngine.OPENSSL,
        ConfigFile.load(dir, Map.of(ConfigKey.TLS_ENGINE, "openssl")).tlsEngine());
  }

  @Test
  void unknownKeysBadNumbersAndOutOfRangeValuesAreRefusedNamingTheKey() throws Exception {
    Path file = dir.resolve(ConfigFile.FILE_NAME);
    for (String bad : new String[] {"max.conections=5", "max.connections=lots",
        "max.connections=0", "fsync=sometimes", "store.persistent=yes", "port=65536",
        "metrics.port=on", "metrics.port=-1", "metrics.port=65536", "tls.engine=boringssl"}) {
      Files.writeString(file, bad + "\n");
      ConfigException e = assertThrows(ConfigException.class, () -> ConfigFile.load(dir, Map.of()));
      String key = bad.substring(0, bad.indexOf('='));
      assertTrue(e.getMessage().contains(key), bad + " -> " + e.getMessage());
    }
  }
}

package io.parley.relay.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/**
 * Reads and writes {@code <dataDir>/relay.properties}. Every key is optional (a missing key,
 * or a missing file, means the default); an unknown key is an error, so a typo cannot silently
 * leave a limit at its default. Stateless.
 */
public final class ConfigFile {
  /** Name of the configuration file inside the data directory. */
  public static final String FILE_NAME = "relay.properties";

  private ConfigFile() {}

  /**
   * Loads the configuration of the relay in {@code dataDir}, then applies {@code overrides}
   * (key to value, as on the command line).
   *
   * @throws ConfigException naming the file and key of the first bad entry
   * @throws IOException if the file exists but cannot be read
   */
  public static RelayConfig load(Path dataDir, Map<ConfigKey, String> overrides)
      throws ConfigException, IOException {
    Path file = dataDir.resolve(FILE_NAME);
    Properties props = new Properties();
    if (Files.exists(file)) {
      try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        props.load(r);
      } catch (IllegalArgumentException e) {
        throw new ConfigException(file + ": malformed escape: " + e.getMessage(), e);
      }
    }
    RelayConfig.Builder b = RelayConfig.builder(dataDir);
    for (String name : props.stringPropertyNames()) {
      ConfigKey key = ConfigKey.byName(name);
      if (key == null) {
        throw new ConfigException(file + ": unknown key '" + name + "'");
      }
      apply(b, key, props.getProperty(name).trim(), file.toString());
    }
    for (Map.Entry<ConfigKey, String> e : overrides.entrySet()) {
      apply(b, e.getKey(), e.getValue(), "command line");
    }
    try {
      return b.build();
    } catch (IllegalArgumentException e) {
      throw new ConfigException(file + ": " + e.getMessage(), e);
    }
  }

  private static void apply(RelayConfig.Builder b, ConfigKey key, String value, String source)
      throws ConfigException {
    try {
      key.apply(b, value);
    } catch (ConfigException e) {
      throw new ConfigException(source + ": " + e.getMessage(), e);
    }
  }

  /**
   * Writes a commented relay.properties with {@code host} and {@code port} set and every other
   * key commented out at its default, each with its unit.
   */
  public static void write(Path dataDir, String host, int port) throws IOException {
    StringBuilder sb = new StringBuilder();
    sb.append("# Parley relay configuration. Lines starting with # are comments; a commented\n")
        .append("# key is at the default shown. Units are stated per key. See docs/relay.md.\n");
    for (ConfigKey k : ConfigKey.values()) {
      sb.append('\n').append("# ").append(k.description()).append('\n');
      if (k == ConfigKey.HOST) {
        sb.append(k.key()).append('=').append(host).append('\n');
      } else if (k == ConfigKey.PORT) {
        sb.append(k.key()).append('=').append(port).append('\n');
      } else {
        sb.append("#").append(k.key()).append('=').append(k.defaultValue()).append('\n');
      }
    }
    Files.createDirectories(dataDir);
    Path tmp = dataDir.resolve(FILE_NAME + ".tmp");
    Files.writeString(tmp, sb.toString(), StandardCharsets.UTF_8);
    Files.move(tmp, dataDir.resolve(FILE_NAME), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }
}

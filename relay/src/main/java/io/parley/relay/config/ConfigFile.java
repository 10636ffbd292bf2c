package io.parley.relay.config;

import io.parley.launch.SettingsException;
import io.parley.launch.SettingsFile;
import io.parley.transport.files.AtomicFiles;
import io.parley.transport.files.OwnerOnlyFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Reads and writes {@code <dataDir>/relay.properties} (UTF-8, properties syntax, read by
 * {@link SettingsFile}). Every key is optional (a missing key, or a missing file, means the
 * default); an unknown key is an error, so a typo cannot silently leave a limit at its default.
 * Written with mode 0600. Stateless.
 */
public final class ConfigFile {
  /** Name of the configuration file inside the data directory. */
  public static final String FILE_NAME = "relay.properties";
  /** Key of {@code --log-format}: text or json. Read by the command line, not the library. */
  public static final String LOG_FORMAT = "log.format";
  /** Key of {@code --log-level}. Read by the command line, not the library. */
  public static final String LOG_LEVEL = "log.level";

  private ConfigFile() {}

  /**
   * Loads the configuration of the relay in {@code dataDir}, then applies {@code overrides}
   * (key to value, as on the command line).
   *
   * @throws ConfigException naming the file and key of the first bad entry, or a file that
   *     cannot be read
   */
  public static RelayConfig load(Path dataDir, Map<ConfigKey, String> overrides)
      throws ConfigException {
    Path file = dataDir.resolve(FILE_NAME);
    Map<String, String> settings;
    try {
      settings = SettingsFile.read(file, keys());
    } catch (SettingsException e) {
      throw new ConfigException(e.getMessage(), e);
    }
    Map<ConfigKey, String> values = new EnumMap<>(ConfigKey.class);
    for (ConfigKey key : ConfigKey.values()) {
      String value = settings.get(key.key());
      if (value != null) {
        try {
          key.check(value);
        } catch (ConfigException e) {
          throw new ConfigException(file + ": " + e.getMessage(), e);
        }
        values.put(key, value);
      }
    }
    values.putAll(overrides);
    return build(dataDir, values);
  }

  /**
   * A configuration with {@code values} over the defaults (no file is read).
   *
   * @throws ConfigException naming the key of a bad value, or two values that contradict
   */
  public static RelayConfig build(Path dataDir, Map<ConfigKey, String> values)
      throws ConfigException {
    RelayConfig.Builder b = RelayConfig.builder(dataDir);
    for (Map.Entry<ConfigKey, String> e : values.entrySet()) {
      e.getKey().apply(b, e.getValue().strip());
    }
    try {
      return b.build();
    } catch (IllegalArgumentException e) {
      throw new ConfigException(dataDir.resolve(FILE_NAME) + ": " + e.getMessage(), e);
    }
  }

  /** Every key the file may hold: those of {@link ConfigKey} and the log keys. */
  public static Set<String> keys() {
    Set<String> keys = new HashSet<>(Set.of(LOG_FORMAT, LOG_LEVEL));
    for (ConfigKey k : ConfigKey.values()) {
      keys.add(k.key());
    }
    return keys;
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
    sb.append("\n# Log records as one line of text or one JSON object per line: text or json.\n")
        .append('#').append(LOG_FORMAT).append("=text\n")
        .append("\n# Least severe records logged: error, warn, info, debug or trace.\n")
        .append('#').append(LOG_LEVEL).append("=info\n");
    if (!Files.isDirectory(dataDir)) {
      OwnerOnlyFiles.createDirectory(dataDir);
    }
    AtomicFiles.writeAscii(dataDir.resolve(FILE_NAME), sb.toString(), true);
  }
}

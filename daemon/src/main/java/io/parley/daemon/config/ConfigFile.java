package io.parley.daemon.config;

import io.parley.protocol.transport.InvalidRelayAddressException;
import io.parley.protocol.transport.RelayAddress;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads {@code <dataDir>/parleyd.properties} (UTF-8, {@link Properties} syntax) into a
 * {@link DaemonConfig.Builder}. A missing file changes nothing; an unknown key is an error, so a
 * misspelt setting is not silently ignored. Keys:
 *
 * <pre>
 * relays = smp://KEYHASH@host:5223, smp://KEYHASH@other:5223   (comma or space separated)
 * name = my-bot
 * relay.port = 41234
 * shutdown.timeout.millis = 10000
 * api.port = 7780
 * api.bind = 127.0.0.1
 * api.hosts = parley.lan, 192.168.1.20                          (comma or space separated)
 * redundancy = 2
 * </pre>
 *
 * <p>Stateless; thread-safe.
 */
public final class ConfigFile {
  /** Relays for new queues. */
  public static final String RELAYS = "relays";
  /** Profile name. */
  public static final String NAME = "name";
  /** Embedded relay port. */
  public static final String RELAY_PORT = "relay.port";
  /** Shutdown wait. UNIT: milliseconds. */
  public static final String SHUTDOWN_TIMEOUT_MILLIS = "shutdown.timeout.millis";
  /** Local API port (0 = a free one). */
  public static final String API_PORT = "api.port";
  /** Local API listen address. */
  public static final String API_BIND = "api.bind";
  /** Extra host names the API accepts. */
  public static final String API_HOSTS = "api.hosts";
  /** Receive queues per new connection, each on its own relay. UNIT: queues. */
  public static final String REDUNDANCY = "redundancy";
  /** Largest settings file read, so a wrong path cannot fill memory. UNIT: bytes. */
  public static final long MAX_FILE_BYTES = 64 * 1024;

  private static final Set<String> KEYS =
      Set.of(RELAYS, NAME, RELAY_PORT, SHUTDOWN_TIMEOUT_MILLIS, API_PORT, API_BIND, API_HOSTS,
          REDUNDANCY);

  private ConfigFile() {}

  /**
   * Applies the settings in {@code file}, if it exists, to {@code builder}.
   *
   * @throws ConfigException if the file cannot be read, is too large, or holds an unknown key or
   *     an invalid value (the message names the file and the key)
   */
  public static void applyTo(Path file, DaemonConfig.Builder builder) throws ConfigException {
    Properties props = read(file);
    Set<String> unknown = new TreeSet<>(props.stringPropertyNames());
    unknown.removeAll(KEYS);
    if (!unknown.isEmpty()) {
      throw new ConfigException(file + ": unknown setting(s) " + unknown + "; known: "
          + new TreeSet<>(KEYS));
    }
    String relays = props.getProperty(RELAYS);
    if (relays != null) {
      builder.relays(parseRelays(file, relays));
    }
    String name = props.getProperty(NAME);
    if (name != null) {
      builder.profileName(name.strip());
    }
    String port = props.getProperty(RELAY_PORT);
    if (port != null) {
      builder.embeddedRelayPort((int) parseLong(file, RELAY_PORT, port, DaemonConfig.MAX_PORT));
    }
    String apiPort = props.getProperty(API_PORT);
    if (apiPort != null) {
      builder.apiPort((int) parseLong(file, API_PORT, apiPort, DaemonConfig.MAX_PORT));
    }
    String apiBind = props.getProperty(API_BIND);
    if (apiBind != null) {
      builder.apiBind(apiBind.strip());
    }
    String apiHosts = props.getProperty(API_HOSTS);
    if (apiHosts != null) {
      builder.apiHosts(List.of(apiHosts.strip().split("[,\\s]+")));
    }
    String redundancy = props.getProperty(REDUNDANCY);
    if (redundancy != null) {
      builder.redundancy((int) parseLong(file, REDUNDANCY, redundancy,
          DaemonConfig.MAX_REDUNDANCY));
    }
    String timeout = props.getProperty(SHUTDOWN_TIMEOUT_MILLIS);
    if (timeout != null) {
      builder.shutdownTimeoutMillis(parseLong(file, SHUTDOWN_TIMEOUT_MILLIS, timeout,
          DaemonConfig.MAX_SHUTDOWN_TIMEOUT_MILLIS));
    }
  }

  private static Properties read(Path file) throws ConfigException {
    Properties props = new Properties();
    try {
      if (Files.size(file) > MAX_FILE_BYTES) {
        throw new ConfigException(file + " is larger than " + MAX_FILE_BYTES + " bytes");
      }
      try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        props.load(in);
      }
    } catch (NoSuchFileException e) {
      return props;
    } catch (CharacterCodingException e) {
      throw new ConfigException(file + " is not valid UTF-8", e);
    } catch (IOException | IllegalArgumentException e) {
      // Properties.load throws IllegalArgumentException on a malformed \\uXXXX escape.
      throw new ConfigException("cannot read " + file + ": " + e.getMessage(), e);
    }
    return props;
  }

  private static List<RelayAddress> parseRelays(Path file, String value) throws ConfigException {
    List<RelayAddress> out = new ArrayList<>();
    for (String part : value.split("[,\\s]+")) {
      if (part.isEmpty()) {
        continue;
      }
      try {
        out.add(RelayAddress.parse(part));
      } catch (InvalidRelayAddressException e) {
        throw new ConfigException(file + ": " + RELAYS + ": " + e.getMessage());
      }
    }
    return out;
  }

  private static long parseLong(Path file, String key, String value, long max)
      throws ConfigException {
    String v = value.strip();
    // Bounded digit count keeps Long.parseLong from overflowing.
    if (!v.matches("[0-9]{1,18}") || Long.parseLong(v) > max) {
      throw new ConfigException(file + ": " + key + " must be a whole number from 0 to " + max);
    }
    return Long.parseLong(v);
  }
}

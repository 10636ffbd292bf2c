package io.parley.daemon.config;

import io.parley.agent.AgentConfig;
import io.parley.daemon.api.ApiConfig;
import io.parley.protocol.transport.RelayAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The daemon's settings: where it keeps its data, which relays it uses, its profile name and
 * how it runs the embedded relay. Values come from, in increasing precedence, the named
 * defaults here, {@code <dataDir>/}{@value #FILE_NAME} ({@link ConfigFile}) and the command
 * line. Immutable.
 *
 * @param dataDir directory holding everything the daemon stores (created if missing)
 * @param relays relays for new queues; empty means run the embedded relay and use it
 * @param profileName the name shown to contacts, up to {@link #MAX_PROFILE_NAME_CHARS} chars
 * @param embeddedRelayPort TCP port of the embedded relay on loopback; {@link #PORT_REMEMBERED}
 *     reuses the port of the previous start (a free one on the first), so links stay valid
 * @param shutdownTimeoutMillis how long shutdown waits for the agent and the embedded relay to
 *     drain before giving up. UNIT: milliseconds
 * @param apiPort TCP port of the local API; 0 picks a free one
 * @param apiBind address the local API listens on: loopback unless the operator explicitly
 *     chose another (the token is required either way)
 * @param apiHosts extra host names accepted in the API's Host header (for a non-loopback bind)
 * @param redundancy receive queues per new connection, each on its own relay (the agent's
 *     {@code AgentConfig.redundancy}). UNIT: queues
 * @param rotationIntervalMillis scheduled queue rotation interval per connection (the agent's
 *     {@code AgentConfig.rotationIntervalMillis}); 0 turns it off. UNIT: milliseconds
 * @param postQuantum whether new connections offer and accept the hybrid post-quantum ratchet
 *     (the agent's {@code AgentConfig.postQuantum}); on by default
 */
public record DaemonConfig(
    Path dataDir,
    List<RelayAddress> relays,
    String profileName,
    int embeddedRelayPort,
    long shutdownTimeoutMillis,
    int apiPort,
    String apiBind,
    List<String> apiHosts,
    int redundancy,
    long rotationIntervalMillis,
    boolean postQuantum) {

  /** Name of the optional settings file inside the data directory. */
  public static final String FILE_NAME = "parleyd.properties";
  /** Profile name when none is configured. */
  public static final String DEFAULT_PROFILE_NAME = "parley";
  /** Longest profile name. UNIT: characters. */
  public static final int MAX_PROFILE_NAME_CHARS = 100;
  /** Most relays one daemon is configured with (a link lists at most 8 queues). */
  public static final int MAX_RELAYS = 8;
  /** {@link #embeddedRelayPort} value meaning: the remembered port, else a free one. */
  public static final int PORT_REMEMBERED = 0;
  /** Highest TCP port. */
  public static final int MAX_PORT = 65_535;
  /** UNIT: milliseconds. */
  public static final long DEFAULT_SHUTDOWN_TIMEOUT_MILLIS = 10_000;
  /** Local API port when none is configured. */
  public static final int DEFAULT_API_PORT = ApiConfig.DEFAULT_PORT;
  /** Local API listen address when none is configured: loopback only. */
  public static final String DEFAULT_API_BIND = "127.0.0.1";
  /** UNIT: queues. */
  public static final int DEFAULT_REDUNDANCY = AgentConfig.DEFAULT_REDUNDANCY;
  /** UNIT: queues. */
  public static final int MAX_REDUNDANCY = AgentConfig.MAX_REDUNDANCY;
  /** Longest configurable shutdown wait (10 minutes). UNIT: milliseconds. */
  public static final long MAX_SHUTDOWN_TIMEOUT_MILLIS = 600_000;

  /**
   * Copies the relay list. Checks only for nulls: {@link Builder#build()} validates ranges (a
   * record constructor cannot throw the checked {@link ConfigException}), so use it.
   */
  public DaemonConfig {
    Objects.requireNonNull(dataDir, "dataDir");
    relays = List.copyOf(relays);
    Objects.requireNonNull(profileName, "profileName");
    Objects.requireNonNull(apiBind, "apiBind");
    apiHosts = List.copyOf(apiHosts);
  }

  /** Whether the daemon runs its own relay on loopback (no relay configured). */
  public boolean embeddedRelay() {
    return relays.isEmpty();
  }

  /** The settings file of this data directory. */
  public Path configFile() {
    return dataDir.resolve(FILE_NAME);
  }

  /** A builder holding every default, for data kept in {@code dataDir}. */
  public static Builder builder(Path dataDir) {
    return new Builder(dataDir);
  }

  /** Collects settings from several sources; later calls override earlier ones. Not thread-safe. */
  public static final class Builder {
    private final Path dataDir;
    private List<RelayAddress> relays = List.of();
    private String profileName = DEFAULT_PROFILE_NAME;
    private int embeddedRelayPort = PORT_REMEMBERED;
    private long shutdownTimeoutMillis = DEFAULT_SHUTDOWN_TIMEOUT_MILLIS;
    private int apiPort = DEFAULT_API_PORT;
    private String apiBind = DEFAULT_API_BIND;
    private List<String> apiHosts = List.of();
    private int redundancy = DEFAULT_REDUNDANCY;
    private long rotationIntervalMillis = AgentConfig.DEFAULT_ROTATION_INTERVAL_MILLIS;
    private boolean postQuantum = true;

    private Builder(Path dataDir) {
      this.dataDir = Objects.requireNonNull(dataDir, "dataDir");
    }

    /** Replaces the relay list (an empty list selects the embedded relay). */
    public Builder relays(List<RelayAddress> v) {
      relays = new ArrayList<>(v);
      return this;
    }

    public Builder profileName(String v) {
      profileName = v;
      return this;
    }

    public Builder embeddedRelayPort(int v) {
      embeddedRelayPort = v;
      return this;
    }

    public Builder shutdownTimeoutMillis(long v) {
      shutdownTimeoutMillis = v;
      return this;
    }

    public Builder apiPort(int v) {
      apiPort = v;
      return this;
    }

    public Builder apiBind(String v) {
      apiBind = v;
      return this;
    }

    public Builder apiHosts(List<String> v) {
      apiHosts = new ArrayList<>(v);
      return this;
    }

    /** Off: this daemon speaks agent version 1 only (the classic ratchet). */
    public Builder postQuantum(boolean v) {
      postQuantum = v;
      return this;
    }

    /** UNIT: milliseconds; 0 turns the scheduled rotation off. */
    public Builder rotationIntervalMillis(long v) {
      rotationIntervalMillis = v;
      return this;
    }

    public Builder redundancy(int v) {
      redundancy = v;
      return this;
    }

    /** @throws ConfigException naming the first invalid setting */
    public DaemonConfig build() throws ConfigException {
      if (relays.size() > MAX_RELAYS) {
        throw new ConfigException("at most " + MAX_RELAYS + " relays can be configured, got "
            + relays.size());
      }
      if (relays.size() != relays.stream().distinct().count()) {
        throw new ConfigException("a relay is listed twice");
      }
      checkProfileName(profileName);
      if (embeddedRelayPort < PORT_REMEMBERED || embeddedRelayPort > MAX_PORT) {
        throw new ConfigException("relay port must be 1.." + MAX_PORT + " (or 0 to reuse the "
            + "remembered one), got " + embeddedRelayPort);
      }
      if (embeddedRelayPort != PORT_REMEMBERED && !relays.isEmpty()) {
        throw new ConfigException("the relay port applies only to the embedded relay, which "
            + "does not run when relays are configured");
      }
      if (shutdownTimeoutMillis < 1 || shutdownTimeoutMillis > MAX_SHUTDOWN_TIMEOUT_MILLIS) {
        throw new ConfigException("shutdown timeout must be 1.." + MAX_SHUTDOWN_TIMEOUT_MILLIS
            + " ms, got " + shutdownTimeoutMillis);
      }
      if (apiPort < 0 || apiPort > MAX_PORT) {
        throw new ConfigException("API port must be 0.." + MAX_PORT + " (0 picks a free one), got "
            + apiPort);
      }
      if (apiBind == null || apiBind.isBlank()) {
        throw new ConfigException("API bind address must not be empty");
      }
      if (rotationIntervalMillis < 0) {
        throw new ConfigException("rotation interval must be 0 (off) or positive");
      }
      if (redundancy < 1 || redundancy > MAX_REDUNDANCY) {
        throw new ConfigException("redundancy must be 1.." + MAX_REDUNDANCY + ", got "
            + redundancy);
      }
      return new DaemonConfig(dataDir, relays, profileName, embeddedRelayPort,
          shutdownTimeoutMillis, apiPort, apiBind.strip(), apiHosts, redundancy,
          rotationIntervalMillis, postQuantum);
    }

    private static void checkProfileName(String name) throws ConfigException {
      if (name == null || name.isBlank()) {
        throw new ConfigException("profile name must not be empty");
      }
      if (name.length() > MAX_PROFILE_NAME_CHARS) {
        throw new ConfigException("profile name is longer than " + MAX_PROFILE_NAME_CHARS
            + " characters");
      }
      if (name.chars().anyMatch(Character::isISOControl)) {
        throw new ConfigException("profile name must not contain control characters");
      }
    }
  }
}

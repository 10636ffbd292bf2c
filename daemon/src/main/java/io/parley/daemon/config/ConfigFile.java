package io.parley.daemon.config;

import java.util.Set;

/**
 * The keys of {@code <dataDir>/parleyd.properties} (UTF-8, {@code java.util.Properties} syntax).
 * Each sets the option of the same meaning ({@code api.port} is {@code --api-port}); the command
 * line reads the file through {@code io.parley.launch.OptionDefaults}, below flags and
 * environment variables. A missing file changes nothing; an unknown key is an error. Example:
 *
 * <pre>
 * relays = smp://KEYHASH@host:5223, smp://KEYHASH@other:5223   (comma or space separated)
 * name = my-bot
 * relay.port = 41234
 * shutdown.timeout.millis = 10000
 * api.port = 7780
 * api.bind = 127.0.0.1
 * api.hosts = parley.lan, 192.168.1.20                          (comma or space separated)
 * log.format = json
 * log.level = info
 * redundancy = 2
 * rotation.interval = 14d
 * post.quantum = on
 * </pre>
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
  /** {@code text} or {@code json}. */
  public static final String LOG_FORMAT = "log.format";
  /** {@code error}, {@code warn}, {@code info}, {@code debug} or {@code trace}. */
  public static final String LOG_LEVEL = "log.level";
  /** Receive queues per new connection, each on its own relay. UNIT: queues. */
  public static final String REDUNDANCY = "redundancy";
  /** Scheduled queue rotation interval per connection ({@code 14d}, {@code 12h}, 0: off). */
  public static final String ROTATION_INTERVAL = "rotation.interval";
  /** {@code on} (default) or {@code off}: offer the hybrid post-quantum ratchet. */
  public static final String POST_QUANTUM = "post.quantum";

  /** Every key the file may hold. */
  public static final Set<String> KEYS = Set.of(RELAYS, NAME, RELAY_PORT,
      SHUTDOWN_TIMEOUT_MILLIS, API_PORT, API_BIND, API_HOSTS, LOG_FORMAT, LOG_LEVEL, REDUNDANCY,
      ROTATION_INTERVAL, POST_QUANTUM);

  private ConfigFile() {}
}

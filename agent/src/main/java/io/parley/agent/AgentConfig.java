package io.parley.agent;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.parley.agent.model.RelayClientConfig;
import io.parley.protocol.agent.AgentLimits;
import io.parley.protocol.transport.RelayAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * Everything an {@link Agent} needs to start. Immutable; {@link #of} fills every limit with its
 * named default and the {@code with*} methods change one.
 *
 * @param dataDir holds the SQLite database ({@code parley.db})
 * @param relays relays this agent creates its own queues on (one is chosen per queue); peers'
 *     queues may be on any relay
 * @param profileName display name sent to peers in the handshake and in contact requests
 * @param clock time source for timestamps and retry schedules
 * @param retryMinMillis first delay before a failed send is retried. UNIT: milliseconds
 * @param retryMaxMillis cap of the doubling retry delay. UNIT: milliseconds
 * @param maxSendsInFlight SENDs one connection may have awaiting the relay's answer; more
 *     overlap gives more throughput on a slow link. UNIT: commands
 * @param sweepIntervalMillis period of the safety sweep that restarts due retries, re-sends
 *     pending DELs and resumes joins. UNIT: milliseconds
 * @param relayClient timeouts and limits of the relay connections
 * @param meterRegistry where the agent records its metrics (docs/metrics.md); by default an
 *     empty {@link CompositeMeterRegistry}, which records nothing until a registry is added to
 *     it (the daemon's API adds its Prometheus registry)
 * @param redundancy receive queues each new connection gets, on that many distinct relays
 *     (fewer when fewer relays are configured); every message is sent over each of them
 *     (docs/agent.md section 2.1). 1 keeps one queue per connection. UNIT: queues
 * @param rotationIntervalMillis how long a connection keeps a receive queue before a scheduled
 *     rotation replaces it (docs/agent.md 2.2), spread out per connection; 0 turns the
 *     scheduled rotation off. UNIT: milliseconds
 * @param postQuantum whether this agent offers and accepts the hybrid post-quantum ratchet
 *     (agent version 2, docs/agent-protocol.md section 8); on by default. Off, it speaks
 *     version 1 only, exactly as an agent from before version 2
 */
public record AgentConfig(
    Path dataDir,
    List<RelayAddress> relays,
    String profileName,
    Clock clock,
    long retryMinMillis,
    long retryMaxMillis,
    int maxSendsInFlight,
    long sweepIntervalMillis,
    RelayClientConfig relayClient,
    MeterRegistry meterRegistry,
    int redundancy,
    long rotationIntervalMillis,
    boolean postQuantum) {

  /** UNIT: milliseconds. */
  public static final long DEFAULT_RETRY_MIN_MILLIS = 1_000;
  /** UNIT: milliseconds (5 minutes). */
  public static final long DEFAULT_RETRY_MAX_MILLIS = 300_000;
  /**
   * Enough overlap to keep a loopback or LAN relay busy without holding many blocks of one
   * connection in memory. UNIT: commands.
   */
  public static final int DEFAULT_MAX_SENDS_IN_FLIGHT = 32;
  /** UNIT: milliseconds. */
  public static final long DEFAULT_SWEEP_INTERVAL_MILLIS = 30_000;
  /**
   * Two paths per connection: a relay that is down, slow or full then costs nothing, at the
   * price of sending every message twice. UNIT: queues.
   */
  public static final int DEFAULT_REDUNDANCY = 2;
  /**
   * Queue ids and keys a relay sees change every two weeks per connection. UNIT: milliseconds
   * (14 days).
   */
  public static final long DEFAULT_ROTATION_INTERVAL_MILLIS = 14L * 24 * 60 * 60 * 1_000;
  /** As many queues as a link can name. UNIT: queues. */
  public static final int MAX_REDUNDANCY = 8;
  /** Longest profile name, as the handshake carries it. UNIT: UTF-8 bytes. */
  public static final int MAX_PROFILE_NAME_BYTES = AgentLimits.MAX_PROFILE_BYTES;

  public AgentConfig {
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(relayClient, "relayClient");
    Objects.requireNonNull(meterRegistry, "meterRegistry");
    relays = List.copyOf(relays);
    if (relays.isEmpty()) {
      throw new IllegalArgumentException("at least one relay is required");
    }
    profileName = profileName == null ? "" : profileName;
    if (profileName.getBytes(StandardCharsets.UTF_8).length
        > MAX_PROFILE_NAME_BYTES) {
      throw new IllegalArgumentException("profile name longer than " + MAX_PROFILE_NAME_BYTES
          + " bytes");
    }
    if (retryMinMillis <= 0 || retryMaxMillis < retryMinMillis) {
      throw new IllegalArgumentException("retry delays must be positive and min <= max");
    }
    if (maxSendsInFlight <= 0) {
      throw new IllegalArgumentException("maxSendsInFlight must be positive");
    }
    if (sweepIntervalMillis <= 0) {
      throw new IllegalArgumentException("sweepIntervalMillis must be positive");
    }
    if (redundancy < 1 || redundancy > MAX_REDUNDANCY) {
      throw new IllegalArgumentException("redundancy must be between 1 and " + MAX_REDUNDANCY);
    }
    if (rotationIntervalMillis < 0) {
      throw new IllegalArgumentException("rotationIntervalMillis must be 0 (off) or positive");
    }
  }

  /** As the canonical constructor, with the post-quantum ratchet on. */
  public AgentConfig(Path dataDir, List<RelayAddress> relays, String profileName, Clock clock,
      long retryMinMillis, long retryMaxMillis, int maxSendsInFlight, long sweepIntervalMillis,
      RelayClientConfig relayClient, MeterRegistry meterRegistry, int redundancy,
      long rotationIntervalMillis) {
    this(dataDir, relays, profileName, clock, retryMinMillis, retryMaxMillis, maxSendsInFlight,
        sweepIntervalMillis, relayClient, meterRegistry, redundancy, rotationIntervalMillis, true);
  }

  /** As the canonical constructor, with the default rotation interval. */
  public AgentConfig(Path dataDir, List<RelayAddress> relays, String profileName, Clock clock,
      long retryMinMillis, long retryMaxMillis, int maxSendsInFlight, long sweepIntervalMillis,
      RelayClientConfig relayClient, MeterRegistry meterRegistry, int redundancy,
      boolean postQuantum) {
    this(dataDir, relays, profileName, clock, retryMinMillis, retryMaxMillis, maxSendsInFlight,
        sweepIntervalMillis, relayClient, meterRegistry, redundancy,
        DEFAULT_ROTATION_INTERVAL_MILLIS, postQuantum);
  }

  /** As the canonical constructor, with the default rotation interval and post-quantum on. */
  public AgentConfig(Path dataDir, List<RelayAddress> relays, String profileName, Clock clock,
      long retryMinMillis, long retryMaxMillis, int maxSendsInFlight, long sweepIntervalMillis,
      RelayClientConfig relayClient, MeterRegistry meterRegistry, int redundancy) {
    this(dataDir, relays, profileName, clock, retryMinMillis, retryMaxMillis, maxSendsInFlight,
        sweepIntervalMillis, relayClient, meterRegistry, redundancy,
        DEFAULT_ROTATION_INTERVAL_MILLIS, true);
  }

  /** The same configuration with the hybrid post-quantum ratchet offered or not. */
  public AgentConfig withPostQuantum(boolean on) {
    return new AgentConfig(dataDir, relays, profileName, clock, retryMinMillis, retryMaxMillis,
        maxSendsInFlight, sweepIntervalMillis, relayClient, meterRegistry, redundancy,
        rotationIntervalMillis, on);
  }

  /** A configuration with every default and the system UTC clock. */
  public static AgentConfig of(Path dataDir, List<RelayAddress> relays, String profileName) {
    return new AgentConfig(dataDir, relays, profileName, Clock.systemUTC(),
        DEFAULT_RETRY_MIN_MILLIS, DEFAULT_RETRY_MAX_MILLIS, DEFAULT_MAX_SENDS_IN_FLIGHT,
        DEFAULT_SWEEP_INTERVAL_MILLIS, RelayClientConfig.defaults(), new CompositeMeterRegistry(),
        DEFAULT_REDUNDANCY, DEFAULT_ROTATION_INTERVAL_MILLIS, true);
  }

  public AgentConfig withClock(Clock c) {
    return new AgentConfig(dataDir, relays, profileName, c, retryMinMillis, retryMaxMillis,
        maxSendsInFlight, sweepIntervalMillis, relayClient, meterRegistry, redundancy,
        rotationIntervalMillis, postQuantum);
  }

  public AgentConfig withRetry(long minMillis, long maxMillis) {
    return new AgentConfig(dataDir, relays, profileName, clock, minMillis, maxMillis,
        maxSendsInFlight, sweepIntervalMillis, relayClient, meterRegistry, redundancy,
        rotationIntervalMillis, postQuantum);
  }

  public AgentConfig withMaxSendsInFlight(int n) {
    return new AgentConfig(dataDir, relays, profileName, clock, retryMinMillis, retryMaxMillis,
        n, sweepIntervalMillis, relayClient, meterRegistry, redundancy,
        rotationIntervalMillis, postQuantum);
  }

  public AgentConfig withSweepIntervalMillis(long millis) {
    return new AgentConfig(dataDir, relays, profileName, clock, retryMinMillis, retryMaxMillis,
        maxSendsInFlight, millis, relayClient, meterRegistry, redundancy,
        rotationIntervalMillis, postQuantum);
  }

  public AgentConfig withRelayClient(RelayClientConfig c) {
    return new AgentConfig(dataDir, relays, profileName, clock, retryMinMillis, retryMaxMillis,
        maxSendsInFlight, sweepIntervalMillis, c, meterRegistry, redundancy,
        rotationIntervalMillis, postQuantum);
  }

  /** The same configuration recording metrics into {@code registry}. */
  public AgentConfig withMeterRegistry(MeterRegistry registry) {
    return new AgentConfig(dataDir, relays, profileName, clock, retryMinMillis, retryMaxMillis,
        maxSendsInFlight, sweepIntervalMillis, relayClient, registry, redundancy,
        rotationIntervalMillis, postQuantum);
  }

  /** Receive queues per new connection, each on its own relay (1 to {@link #MAX_REDUNDANCY}). */
  public AgentConfig withRedundancy(int queues) {
    return new AgentConfig(dataDir, relays, profileName, clock, retryMinMillis, retryMaxMillis,
        maxSendsInFlight, sweepIntervalMillis, relayClient, meterRegistry, queues,
        rotationIntervalMillis, postQuantum);
  }

  /** Scheduled rotation interval per connection; 0 turns it off. UNIT: milliseconds. */
  public AgentConfig withRotationIntervalMillis(long millis) {
    return new AgentConfig(dataDir, relays, profileName, clock, retryMinMillis, retryMaxMillis,
        maxSendsInFlight, sweepIntervalMillis, relayClient, meterRegistry, redundancy, millis,
        postQuantum);
  }
}

package io.parley.relay.testing;

import io.parley.protocol.testing.TestIdentities;
import io.parley.protocol.transport.RelayAddress;
import io.parley.relay.Relay;
import io.parley.relay.config.RelayConfig;
import io.parley.relay.identity.RelayIdentityFiles;
import io.parley.relay.store.StoreConfig.FsyncPolicy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * A real relay in this JVM on loopback with the JVM's shared test identity: the one fixture the
 * relay, agent, daemon, SDK and bot tests start relays with. {@link #start} journals it in a
 * test directory so it can be stopped and started again on the same port, identity and queues;
 * {@link #memoryOnly} starts a plain relay the test closes, and {@link #config} is the loopback
 * configuration for tests that build the relay themselves.
 * Not thread-safe: drive it from the test.
 */
public final class RelayFixture implements AutoCloseable {
  private static final String LOOPBACK = "127.0.0.1";
  /** Room for a test's whole burst in one queue. UNIT: messages. */
  public static final int QUEUE_QUOTA = 2_000;

  private final RelayConfig config;
  private Relay relay;
  private RelayAddress address;

  private RelayFixture(RelayConfig config) {
    this.config = config;
  }

  /**
   * A loopback configuration on a free port with a memory-only store, the shared test identity
   * written to {@code dir} first unless one is there.
   */
  public static RelayConfig.Builder config(Path dir) {
    Path identityDir = dir.resolve(RelayConfig.IDENTITY_DIR);
    try {
      if (!Files.isDirectory(identityDir)) {
        RelayIdentityFiles.save(TestIdentities.relay(), identityDir);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return RelayConfig.builder(dir).host(LOOPBACK).bindAddress(LOOPBACK).port(0)
        .persistent(false);
  }

  /** A memory-only relay on {@link #config}, which the test closes itself. */
  public static Relay memoryOnly(Path dir) throws IOException {
    return Relay.start(config(dir).build());
  }

  /** Like {@link #memoryOnly(Path)}, with the configuration changed by {@code customize}. */
  public static Relay memoryOnly(Path dir, UnaryOperator<RelayConfig.Builder> customize)
      throws IOException {
    return Relay.start(customize.apply(config(dir)).build());
  }

  /** Starts a relay journalled in {@code dir} with a queue quota of {@link #QUEUE_QUOTA}. */
  public static RelayFixture start(Path dir) throws IOException {
    return start(dir, b -> b);
  }

  /** Like {@link #start(Path)}, with the configuration changed by {@code customize}. */
  public static RelayFixture start(Path dir, UnaryOperator<RelayConfig.Builder> customize)
      throws IOException {
    RelayConfig config = customize.apply(config(dir).persistent(true)
        .fsync(FsyncPolicy.INTERVAL).queueQuota(QUEUE_QUOTA)).build();
    RelayFixture f = new RelayFixture(config);
    f.relay = Relay.start(config);
    f.address = f.relay.address();
    return f;
  }

  /** The address clients use; stays the same across restarts. */
  public RelayAddress address() {
    return address;
  }

  /** The port it listens on; stays the same across restarts. */
  public int port() {
    return address.port();
  }

  /** The running relay, for its counters. */
  public Relay relay() {
    if (relay == null) {
      throw new IllegalStateException("the relay is stopped");
    }
    return relay;
  }

  /** Stops the relay; clients see it down until {@link #restart}. */
  public void stop() {
    if (relay != null) {
      relay.close();
      relay = null;
    }
  }

  /** Starts it again on the same port with the same identity and stored queues. */
  public void restart() throws IOException {
    stop();
    relay = Relay.start(config.toBuilder().port(address.port()).build());
  }

  /** Commands the relay answered with an error since it last started. */
  public long commandErrors() {
    return relay().counters().commandErrors();
  }

  public boolean running() {
    return relay != null;
  }

  @Override
  public void close() {
    stop();
  }
}

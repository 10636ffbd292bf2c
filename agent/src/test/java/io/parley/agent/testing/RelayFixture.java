package io.parley.agent.testing;

import io.parley.protocol.transport.RelayAddress;
import io.parley.protocol.transport.RelayIdentity;
import io.parley.relay.Relay;
import io.parley.relay.config.RelayConfig;
import io.parley.relay.identity.RelayIdentityFiles;
import io.parley.relay.store.StoreConfig.FsyncPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/**
 * A real relay in this JVM on loopback, journalled in a test directory, that can be stopped and
 * started again on the same port, identity and queues. Not thread-safe: drive it from the test.
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

  /** Starts a relay with a fresh identity in {@code dir}. */
  public static RelayFixture start(Path dir) throws IOException {
    return start(dir, RelayIdentity.generate(Clock.systemUTC()));
  }

  /** Starts a relay with {@code identity} in {@code dir} (a shared identity saves key work). */
  public static RelayFixture start(Path dir, RelayIdentity identity) throws IOException {
    return start(dir, identity, QUEUE_QUOTA);
  }

  /** Like {@link #start(Path, RelayIdentity)} with a queue quota of {@code quota} messages. */
  public static RelayFixture start(Path dir, RelayIdentity identity, int quota)
      throws IOException {
    Path identityDir = dir.resolve(RelayConfig.IDENTITY_DIR);
    if (!Files.isDirectory(identityDir)) {
      RelayIdentityFiles.save(identity, identityDir);
    }
    RelayConfig config = RelayConfig.builder(dir).host(LOOPBACK).bindAddress(LOOPBACK).port(0)
        .persistent(true).fsync(FsyncPolicy.INTERVAL).queueQuota(quota).build();
    RelayFixture f = new RelayFixture(config);
    f.relay = Relay.start(config);
    f.address = f.relay.address();
    return f;
  }

  /** The address clients use; stays the same across restarts. */
  public RelayAddress address() {
    return address;
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

  /** Commands the relay answered with an error since it started. */
  public long commandErrors() {
    return relay.counters().commandErrors();
  }

  public boolean running() {
    return relay != null;
  }

  @Override
  public void close() {
    stop();
  }
}

package io.parley.agent.internal.client;

import io.parley.protocol.testing.TestIdentities;
import io.parley.protocol.transport.RelayAddress;
import io.parley.relay.Relay;
import io.parley.relay.config.RelayConfig;
import io.parley.relay.identity.RelayIdentityFiles;
import io.parley.relay.store.StoreConfig.FsyncPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A real relay in this JVM on loopback, with its journal in a test directory, that can be
 * stopped and started again on the same port and data (a relay restart). Not thread-safe.
 */
final class TestRelay implements AutoCloseable {
  private static final String LOOPBACK = "127.0.0.1";
  /** Room for a test's whole pipelined burst in one queue. UNIT: messages. */
  static final int QUEUE_QUOTA = 2_000;

  private final RelayConfig config;
  private Relay relay;

  private TestRelay(RelayConfig config) {
    this.config = config;
  }

  static TestRelay start(Path dataDir) throws IOException {
    Path identity = dataDir.resolve(RelayConfig.IDENTITY_DIR);
    if (!Files.isDirectory(identity)) {
      RelayIdentityFiles.save(TestIdentities.relay(), identity);
    }
    RelayConfig config = RelayConfig.builder(dataDir).host(LOOPBACK).bindAddress(LOOPBACK)
        .port(0).persistent(true).fsync(FsyncPolicy.INTERVAL).queueQuota(QUEUE_QUOTA).build();
    TestRelay r = new TestRelay(config);
    r.relay = Relay.start(config);
    return r;
  }

  RelayAddress address() {
    return relay.address();
  }

  int port() {
    return relay.port();
  }

  /** Stops the relay; its port is free until {@link #restart}. */
  void stop() {
    relay.close();
  }

  /** Starts again on the same port with the same identity and stored queues. */
  void restart() throws IOException {
    int port = relay.port();
    relay.close();
    relay = Relay.start(config.toBuilder().port(port).build());
  }

  @Override
  public void close() {
    relay.close();
  }
}

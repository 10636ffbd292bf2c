package io.parley.relay.testing;

import io.parley.protocol.testing.TestIdentities;
import io.parley.relay.Relay;
import io.parley.relay.config.RelayConfig;
import io.parley.relay.identity.RelayIdentityFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/** Starts relays in-process on a free loopback port with the shared test identity. */
public final class TestRelays {
  private TestRelays() {}

  /** A loopback configuration on port 0, memory-only store, identity written to {@code dir}. */
  public static RelayConfig.Builder config(Path dir) {
    try {
      if (!Files.isDirectory(dir.resolve(RelayConfig.IDENTITY_DIR))) {
        RelayIdentityFiles.save(TestIdentities.relay(), dir.resolve(RelayConfig.IDENTITY_DIR));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return RelayConfig.builder(dir).host("127.0.0.1").bindAddress("127.0.0.1").port(0)
        .persistent(false);
  }

  public static Relay start(Path dir) throws IOException {
    return Relay.start(config(dir).build());
  }

  public static Relay start(Path dir, UnaryOperator<RelayConfig.Builder> customize)
      throws IOException {
    return Relay.start(customize.apply(config(dir)).build());
  }
}

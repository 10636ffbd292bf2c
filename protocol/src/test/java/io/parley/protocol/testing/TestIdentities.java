package io.parley.protocol.testing;

import io.parley.protocol.transport.RelayIdentity;
import java.time.Clock;

/**
 * Relay identities for tests: {@link #relay()} is generated once per JVM and shared, so suites
 * do not pay for key and certificate generation in every test. Thread-safe.
 */
public final class TestIdentities {
  private TestIdentities() {}

  private static final class Cached {
    static final RelayIdentity RELAY = RelayIdentity.generate(Clock.systemUTC());
    static final RelayIdentity OTHER = RelayIdentity.generate(Clock.systemUTC());
  }

  /** The shared relay identity of this JVM. */
  public static RelayIdentity relay() {
    return Cached.RELAY;
  }

  /** A second shared identity, distinct from {@link #relay()}, for wrong-identity tests. */
  public static RelayIdentity other() {
    return Cached.OTHER;
  }

  /** A fresh identity, for tests that need one nobody else uses. */
  public static RelayIdentity fresh() {
    return RelayIdentity.generate(Clock.systemUTC());
  }
}

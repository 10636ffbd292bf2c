package io.parley.protocol;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import io.parley.testkit.arch.ArchitectureRules;
import io.parley.testkit.arch.ModuleClasses;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The protocol is a pure library at the bottom of every arrow: it uses no other Parley module,
 * its packages form no cycle, and it has no threads, sockets, files or wall clock of its own
 * (callers pass a {@link java.time.Clock}; the relay and the agent own I/O; the one file the
 * protocol writes is the temporary copy of libsodium it maps).
 */
class ArchitectureTest {
  private static JavaClasses main;

  @BeforeAll
  static void importMainClasses() {
    main = ModuleClasses.main("io.parley.protocol.transport.RelayIdentity");
  }

  @Test
  void theProtocolUsesNoOtherParleyModule() {
    ArchitectureRules.useNothingOfParleyBut("io.parley.protocol").check(main);
  }

  @Test
  void theProtocolPackagesFormNoCycle() {
    ArchitectureRules.noPackageCycles("io.parley.protocol").check(main);
  }

  @Test
  void theProtocolStartsNoThreadAndBuildsNoExecutor() {
    ArchitectureRules.startNoThreads().check(main);
  }

  @Test
  void theProtocolOpensNoSocket() {
    ArchitectureRules.openNoSockets().check(main);
  }

  /**
   * One exception: loading libsodium for X25519 needs a temporary copy of the library file
   * (removed once mapped), since a shared object cannot be mapped from inside a jar.
   */
  @Test
  void theProtocolReadsAndWritesNoFileButTheCopyOfLibsodiumItLoads() {
    ArchitectureRules.doNoFileIo().check(main.that(DescribedPredicate.describe(
        "not the libsodium loader",
        c -> !c.getName().startsWith("io.parley.protocol.crypto.SodiumCurve25519"))));
  }

  @Test
  void theProtocolReadsNoWallClock() {
    ArchitectureRules.readNoWallClock().check(main);
  }
}

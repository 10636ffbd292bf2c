package io.parley.relay;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.parley.testkit.arch.ArchitectureRules;
import io.parley.testkit.arch.ModuleClasses;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The relay stands on the protocol and the transport only: it uses nothing of the agent, the
 * daemon or what sits above them, and its packages form no cycle.
 */
class ArchitectureTest {
  private static JavaClasses main;

  @BeforeAll
  static void importMainClasses() {
    main = ModuleClasses.main("io.parley.relay.Relay");
  }

  @Test
  void theRelayUsesNothingOfTheAgentTheDaemonOrWhatIsAboveThem() {
    ArchitectureRules.useNothingOf(List.of("io.parley.agent", "io.parley.daemon",
        "io.parley.sdk", "io.parley.bots", "io.parley.bench")).check(main);
  }

  @Test
  void theRelayPackagesFormNoCycle() {
    ArchitectureRules.noPackageCycles("io.parley.relay").check(main);
  }
}

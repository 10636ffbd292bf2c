package io.parley.transport;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.parley.testkit.arch.ArchitectureRules;
import io.parley.testkit.arch.ModuleClasses;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The transport sits under the relay and the agent and knows neither: it uses nothing of
 * Parley outside itself, and its packages form no cycle.
 */
class ArchitectureTest {
  private static JavaClasses main;

  @BeforeAll
  static void importMainClasses() {
    main = ModuleClasses.main("io.parley.transport.files.DirectoryLock");
  }

  @Test
  void theTransportUsesNothingOfParleyOutsideItself() {
    ArchitectureRules.useNothingOfParleyBut("io.parley.transport").check(main);
  }

  @Test
  void theTransportPackagesFormNoCycle() {
    ArchitectureRules.noPackageCycles("io.parley.transport").check(main);
  }
}

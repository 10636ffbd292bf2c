package io.parley.launch;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.parley.testkit.arch.ArchitectureRules;
import io.parley.testkit.arch.ModuleClasses;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every entry point uses launch, the bots included, so it uses nothing of Parley outside itself,
 * and its packages form no cycle.
 */
class ArchitectureTest {
  private static JavaClasses main;

  @BeforeAll
  static void importMainClasses() {
    main = ModuleClasses.main("io.parley.launch.CommandLines");
  }

  @Test
  void launchUsesNothingOfParleyOutsideItself() {
    ArchitectureRules.useNothingOfParleyBut("io.parley.launch").check(main);
  }

  @Test
  void launchPackagesFormNoCycle() {
    ArchitectureRules.noPackageCycles("io.parley.launch").check(main);
  }
}

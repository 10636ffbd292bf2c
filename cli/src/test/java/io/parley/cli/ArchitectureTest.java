package io.parley.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.parley.testkit.arch.ArchitectureRules;
import io.parley.testkit.arch.ModuleClasses;
import io.parley.testkit.arch.PomRules;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The terminal client uses nothing of Parley but the SDK, as the bots: classes and pom. */
class ArchitectureTest {
  private static JavaClasses main;

  @BeforeAll
  static void importMainClasses() {
    main = ModuleClasses.main("io.parley.cli.Parley");
  }

  @Test
  void theClientUsesNoParleyInternalAndNoBouncyCastle() {
    ArchitectureRules.useNothingOf(ArchitectureRules.SDK_ONLY_FORBIDDEN).check(main);
  }

  @Test
  void theClientPackagesFormNoCycle() {
    ArchitectureRules.noPackageCycles("io.parley.cli").check(main);
  }

  @Test
  void theClientDeclaresNoParleyInternalOrBouncyCastleOutsideTests() throws Exception {
    assertEquals(List.of(), PomRules.sdkOnlyViolations(Path.of("pom.xml")));
  }
}

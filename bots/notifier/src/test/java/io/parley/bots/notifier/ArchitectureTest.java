package io.parley.bots.notifier;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.parley.testkit.arch.ArchitectureRules;
import io.parley.testkit.arch.ModuleClasses;
import io.parley.testkit.arch.PomRules;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The notifier uses nothing of Parley but the SDK, and keeps the SDK itself behind its thin
 * {@code sdk} package (plus the main class), so the rest stays testable without a daemon.
 */
class ArchitectureTest {
  private static JavaClasses main;

  @BeforeAll
  static void importMainClasses() {
    main = ModuleClasses.main("io.parley.bots.notifier.NotifierMain");
  }

  @Test
  void theNotifierUsesNoParleyInternalAndNoBouncyCastle() {
    ArchitectureRules.useNothingOf(ArchitectureRules.SDK_ONLY_FORBIDDEN).check(main);
  }

  @Test
  void theNotifierPackagesFormNoCycle() {
    ArchitectureRules.noPackageCycles("io.parley.bots.notifier").check(main);
  }

  @Test
  void onlyTheSdkPackageAndTheMainClassUseTheSdk() {
    noClasses().that().resideOutsideOfPackage("io.parley.bots.notifier.sdk..")
        .and().doNotHaveFullyQualifiedName("io.parley.bots.notifier.NotifierMain")
        .should().dependOnClassesThat().resideInAPackage("io.parley.sdk..")
        .check(main);
  }

  @Test
  void theNotifierDeclaresNoParleyInternalOrBouncyCastleOutsideTests() throws Exception {
    assertEquals(List.of(), PomRules.sdkOnlyViolations(Path.of("pom.xml")));
  }
}

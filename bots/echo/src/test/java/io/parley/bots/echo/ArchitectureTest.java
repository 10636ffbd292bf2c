package io.parley.bots.echo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.parley.testkit.arch.ArchitectureRules;
import io.parley.testkit.arch.ModuleClasses;
import io.parley.testkit.arch.PomRules;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The echo bot uses nothing of Parley but the SDK, in its classes and in its pom. */
class ArchitectureTest {
  private static JavaClasses main;

  @BeforeAll
  static void importMainClasses() {
    main = ModuleClasses.main("io.parley.bots.echo.EchoBot");
  }

  @Test
  void theEchoBotUsesNoParleyInternalAndNoBouncyCastle() {
    ArchitectureRules.useNothingOf(ArchitectureRules.SDK_ONLY_FORBIDDEN).check(main);
  }

  @Test
  void theEchoBotPackagesFormNoCycle() {
    ArchitectureRules.noPackageCycles("io.parley.bots.echo").check(main);
  }

  @Test
  void theEchoBotDeclaresNoParleyInternalOrBouncyCastleOutsideTests() throws Exception {
    assertEquals(List.of(), PomRules.sdkOnlyViolations(Path.of("pom.xml")));
  }
}

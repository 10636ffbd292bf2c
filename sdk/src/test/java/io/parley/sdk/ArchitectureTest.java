package io.parley.sdk;

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
 * The SDK talks to a daemon over HTTP and nothing else: it uses no Parley internals and no
 * BouncyCastle (a bot never touches keys), and its packages do not form cycles.
 */
class ArchitectureTest {
  private static JavaClasses main;

  @BeforeAll
  static void importMainClasses() {
    main = ModuleClasses.main("io.parley.sdk.ParleyClient");
  }

  @Test
  void theSdkUsesNoParleyInternalAndNoBouncyCastle() {
    ArchitectureRules.useNothingOf(ArchitectureRules.SDK_ONLY_FORBIDDEN).check(main);
  }

  @Test
  void theSdkPackagesFormNoCycle() {
    ArchitectureRules.noPackageCycles("io.parley.sdk").check(main);
  }

  @Test
  void theSdkDeclaresNoParleyInternalOrBouncyCastleOutsideTests() throws Exception {
    assertEquals(List.of(), PomRules.sdkOnlyViolations(Path.of("pom.xml")));
  }
}

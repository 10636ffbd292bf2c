package io.parley.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.sdk.testing.DependencyRules;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fails the build if the SDK or a bot depends on Parley internals or BouncyCastle: bots talk to
 * the daemon's API and never touch keys.
 */
class DependencyRulesTest {
  /** The modules that may use only the SDK, relative to the sdk module. */
  private static final List<String> SDK_ONLY_POMS = List.of("pom.xml", "../bots/echo/pom.xml",
      "../bots/notifier/pom.xml");

  @Test
  void neitherTheSdkNorAnyBotDeclaresAForbiddenDependencyOutsideTests() throws Exception {
    for (String pom : SDK_ONLY_POMS) {
      Path p = Path.of(pom);
      assertTrue(Files.isRegularFile(p), "missing " + p.toAbsolutePath());
      assertEquals(List.of(), DependencyRules.forbiddenDependencies(p), pom);
    }
  }

  @Test
  void noCompiledSdkClassRefersToAParleyInternalOrBouncyCastle() throws Exception {
    Path classes = Path.of("target", "classes");
    assertTrue(Files.isRegularFile(classes.resolve("io/parley/sdk/ParleyClient.class")),
        "the SDK's classes must be compiled before its tests");
    assertEquals(List.of(), DependencyRules.forbiddenReferences(classes));
  }

  @Test
  void theRulesCatchAForbiddenDependencyAndAForbiddenReference(@TempDir Path dir)
      throws Exception {
    Path pom = Files.writeString(dir.resolve("pom.xml"), """
        <project><dependencies>
          <dependency><groupId>io.parley</groupId><artifactId>parley-daemon</artifactId>
            <scope>test</scope></dependency>
          <dependency><groupId>io.parley</groupId><artifactId>parley-protocol</artifactId>
          </dependency>
          <dependency><groupId>org.bouncycastle</groupId><artifactId>bcprov-jdk18on</artifactId>
            <scope>runtime</scope></dependency>
        </dependencies></project>
        """);
    assertEquals(List.of("io.parley:parley-protocol", "org.bouncycastle:bcprov-jdk18on (runtime)"),
        DependencyRules.forbiddenDependencies(pom));

    // The in-process daemon fixture uses the daemon, so scanning it must find references.
    Path testClasses = Path.of("target", "test-classes", "io", "parley", "sdk", "testing");
    assertFalse(DependencyRules.forbiddenReferences(testClasses).isEmpty());
  }
}

package io.parley.bots.echo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.sdk.testing.DependencyRules;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Fails the build if the echo bot uses anything of Parley but the SDK. */
class EchoDependencyRulesTest {
  @Test
  void theEchoBotDeclaresNoForbiddenDependencyOutsideTests() throws Exception {
    assertEquals(List.of(), DependencyRules.forbiddenDependencies(Path.of("pom.xml")));
  }

  @Test
  void noCompiledEchoClassRefersToAParleyInternalOrBouncyCastle() throws Exception {
    Path classes = Path.of("target", "classes");
    assertTrue(Files.isRegularFile(classes.resolve("io/parley/bots/echo/EchoBot.class")));
    assertEquals(List.of(), DependencyRules.forbiddenReferences(classes));
  }
}

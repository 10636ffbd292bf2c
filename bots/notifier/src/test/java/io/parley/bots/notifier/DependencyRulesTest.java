package io.parley.bots.notifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.sdk.testing.DependencyRules;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Fails the build if the notifier uses anything of Parley but the SDK, and keeps the SDK itself
 * behind the thin {@code sdk} package (plus the main class), so the rest stays testable without
 * a daemon.
 */
class DependencyRulesTest {
  private static final Path MAIN_SOURCES = Path.of("src/main/java/io/parley/bots/notifier");
  private static final Path CLASSES = Path.of("target", "classes");

  @Test
  void theNotifierDeclaresNoForbiddenDependencyOutsideTests() throws Exception {
    assertEquals(List.of(), DependencyRules.forbiddenDependencies(Path.of("pom.xml")));
  }

  @Test
  void noCompiledNotifierClassRefersToAParleyInternalOrBouncyCastle() throws Exception {
    assertTrue(Files.isRegularFile(
        CLASSES.resolve("io/parley/bots/notifier/NotifierMain.class")));
    assertEquals(List.of(), DependencyRules.forbiddenReferences(CLASSES));
  }

  @Test
  void onlyTheSdkPackageAndTheMainClassImportTheSdk() throws IOException {
    List<String> violations = new ArrayList<>();
    List<Path> sources;
    try (Stream<Path> files = Files.walk(MAIN_SOURCES)) {
      sources = files.filter(p -> p.toString().endsWith(".java")).toList();
    }
    assertTrue(sources.size() > 20, "the sources were found");
    for (Path p : sources) {
      String rel = MAIN_SOURCES.relativize(p).toString();
      boolean allowed = rel.startsWith("sdk/") || rel.equals("NotifierMain.java");
      if (!allowed && Files.readString(p).contains("import io.parley.sdk")) {
        violations.add(rel);
      }
    }
    assertEquals(List.of(), violations);
  }
}

package io.parley.bots.notifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The notifier reaches its daemon only through the SDK: its main sources import nothing from
 * the protocol, relay or daemon modules, nor BouncyCastle, and only the {@code sdk} package
 * imports the SDK.
 */
class DependencyRulesTest {
  private static final Path MAIN = Path.of("src/main/java/io/parley/bots/notifier");
  private static final List<String> FORBIDDEN = List.of("import io.parley.protocol",
      "import io.parley.relay", "import io.parley.daemon", "import org.bouncycastle");

  private static List<Path> sources() throws IOException {
    try (Stream<Path> files = Files.walk(MAIN)) {
      return files.filter(p -> p.toString().endsWith(".java")).toList();
    }
  }

  @Test
  void mainSourcesImportNoProtocolRelayDaemonOrCryptoClasses() throws IOException {
    List<String> violations = new ArrayList<>();
    List<Path> all = sources();
    assertTrue(all.size() > 20, "the sources were found");
    for (Path p : all) {
      for (String line : Files.readAllLines(p)) {
        if (FORBIDDEN.stream().anyMatch(line::startsWith)) {
          violations.add(MAIN.relativize(p) + ": " + line);
        }
      }
    }
    assertEquals(List.of(), violations);
  }

  @Test
  void onlyTheSdkPackageAndTheMainClassImportTheSdk() throws IOException {
    List<String> violations = new ArrayList<>();
    for (Path p : sources()) {
      String rel = MAIN.relativize(p).toString();
      boolean allowed = rel.startsWith("sdk/") || rel.equals("NotifierMain.java");
      if (!allowed && Files.readString(p).contains("import io.parley.sdk")) {
        violations.add(rel);
      }
    }
    assertEquals(List.of(), violations);
  }
}

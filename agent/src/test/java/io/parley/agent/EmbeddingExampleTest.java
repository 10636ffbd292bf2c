package io.parley.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.TwoAgents;
import io.parley.relay.testing.RelayFixture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/embedding.md shows {@code com.example.TwoAgents} as it is; this runs it against a real
 * relay, so the example in the docs is one that works.
 */
class EmbeddingExampleTest {
  private static final Path EXAMPLE = Path.of("src/test/java/com/example/TwoAgents.java");
  private static final Path DOC = Path.of("../docs/embedding.md");
  private static final String FENCE_OPEN = "```java\n";
  private static final String FENCE_CLOSE = "```\n";

  @Test
  void theEmbeddingExampleConnectsTwoAgentsThroughARelayAndDeliversTheText(
      @TempDir Path dir) throws Exception {
    try (RelayFixture relay = RelayFixture.start(dir.resolve("relay"))) {
      assertEquals("hello from an embedded agent",
          TwoAgents.exchange(relay.address(), dir.resolve("agents"),
              "hello from an embedded agent"));
    }
  }

  @Test
  void theDocShowsTheExampleExactlyAsItIsCompiledAndRun() throws Exception {
    String source = Files.readString(EXAMPLE, StandardCharsets.UTF_8);
    String doc = Files.readString(DOC, StandardCharsets.UTF_8);
    int start = doc.indexOf(FENCE_OPEN);
    assertTrue(start >= 0, "docs/embedding.md has a java code block");
    int end = doc.indexOf(FENCE_CLOSE, start + FENCE_OPEN.length());
    assertEquals(source, doc.substring(start + FENCE_OPEN.length(), end),
        "the first java block of docs/embedding.md is TwoAgents.java, byte for byte");
  }

  @Test
  void theExampleUsesOnlyThePublicApi() throws Exception {
    String source = Files.readString(EXAMPLE, StandardCharsets.UTF_8);
    assertFalse(source.contains("io.parley.agent.internal"),
        "an embedder never needs io.parley.agent.internal");
  }
}

package io.parley.bots.echo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.bots.echo.EchoOptions.UsageException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The echo bot's command line. */
class EchoOptionsTest {
  @Test
  void apiTokenFileAndNameAreRead() throws Exception {
    EchoOptions o = EchoOptions.parse("--api", "http://127.0.0.1:1", "--token-file", "/t",
        "--name", "e2");
    assertEquals(new EchoOptions("http://127.0.0.1:1", Path.of("/t"), "e2", false), o);
    assertEquals(EchoOptions.DEFAULT_NAME, EchoOptions.parse().name());
    assertTrue(EchoOptions.parse("-h").help());
  }

  @Test
  void anUnknownArgumentOrAMissingValueIsAUsageError() {
    assertThrows(UsageException.class, () -> EchoOptions.parse("--bogus"));
    assertThrows(UsageException.class, () -> EchoOptions.parse("--api"));
  }
}

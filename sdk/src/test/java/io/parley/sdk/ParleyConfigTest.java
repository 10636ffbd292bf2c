package io.parley.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.sdk.error.ParleyConfigException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Configuration from arguments and the environment, arguments first. */
class ParleyConfigTest {
  @TempDir
  Path dir;

  @Test
  void theEnvironmentSuppliesTheUrlAndTheTokenFile() throws Exception {
    Path file = Files.writeString(dir.resolve("api.token"), "  secret-token\n");
    ParleyConfig c = ParleyConfig.builder(Map.of(
        ParleyConfig.ENV_API, "http://127.0.0.1:9999/",
        ParleyConfig.ENV_TOKEN_FILE, file.toString())).build();
    assertEquals(URI.create("http://127.0.0.1:9999"), c.api());
    assertEquals("secret-token", c.token());
  }

  @Test
  void argumentsWinOverTheEnvironmentAndATokenWinsOverFiles() throws Exception {
    Path file = Files.writeString(dir.resolve("t"), "from-file");
    Map<String, String> env = Map.of(ParleyConfig.ENV_API, "http://127.0.0.1:1",
        ParleyConfig.ENV_TOKEN, "from-env");
    ParleyConfig c = ParleyConfig.builder(env).api("http://localhost:2").tokenFile(file).build();
    assertEquals(URI.create("http://localhost:2"), c.api());
    assertEquals("from-file", c.token());
    assertEquals("direct", ParleyConfig.builder(env).token("direct").tokenFile(file).build()
        .token());
    assertEquals("from-env", ParleyConfig.builder(env).build().token());
  }

  @Test
  void withoutAUrlTheDefaultLocalApiIsUsed() {
    ParleyConfig c = ParleyConfig.builder(Map.of(ParleyConfig.ENV_TOKEN, "t")).build();
    assertEquals(ParleyConfig.DEFAULT_API, c.api());
  }

  @Test
  void aMissingTokenIsAConfigErrorNamingTheWaysToGiveOne() {
    ParleyConfigException e = assertThrows(ParleyConfigException.class,
        () -> ParleyConfig.builder(Map.of()).build());
    assertTrue(e.getMessage().contains(ParleyConfig.ENV_TOKEN_FILE));
  }

  @Test
  void anUnreadableEmptyOrBinaryTokenFileIsAConfigError() throws Exception {
    assertThrows(ParleyConfigException.class, () -> ParleyConfig.builder(Map.of())
        .tokenFile(dir.resolve("absent")).build());
    Path empty = Files.writeString(dir.resolve("empty"), "\n");
    assertThrows(ParleyConfigException.class, () -> ParleyConfig.builder(Map.of())
        .tokenFile(empty).build());
    Path binary = Files.write(dir.resolve("bin"), new byte[] {1, 2, 0, 'a'});
    assertThrows(ParleyConfigException.class, () -> ParleyConfig.builder(Map.of())
        .tokenFile(binary).build());
    Path huge = Files.writeString(dir.resolve("huge"), "a".repeat(10_000));
    assertThrows(ParleyConfigException.class, () -> ParleyConfig.builder(Map.of())
        .tokenFile(huge).build());
  }

  @Test
  void aUrlThatIsNotHttpIsAConfigError() {
    for (String bad : new String[] {"ftp://x", "127.0.0.1:7780", "http://", "http://h/?q=1",
        "http://bad host"}) {
      assertThrows(ParleyConfigException.class, () -> ParleyConfig.builder(Map.of())
          .api(bad).token("t").build(), bad);
    }
  }

  @Test
  void theTokenNeverAppearsInToString() {
    ParleyConfig c = ParleyConfig.builder(Map.of()).token("very-secret").build();
    assertFalse(c.toString().contains("very-secret"));
  }
}

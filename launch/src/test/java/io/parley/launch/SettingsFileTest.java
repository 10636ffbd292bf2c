package io.parley.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsFileTest {
  @TempDir Path dir;

  @Test
  void aMissingFileIsEmptyAndValuesAreStripped() throws Exception {
    assertEquals(Map.of(), SettingsFile.read(dir.resolve("none.properties"), Set.of("a")));
    Path file = dir.resolve("s.properties");
    Files.writeString(file, "# comment\na =  one two  \n");
    assertEquals(Map.of("a", "one two"), SettingsFile.read(file, Set.of("a", "b")));
  }

  @Test
  void aMisspeltKeyIsAnErrorNamingItAndTheKnownOnes() throws IOException {
    Path file = dir.resolve("s.properties");
    Files.writeString(file, "relay = x\n");
    SettingsException e = assertThrows(SettingsException.class,
        () -> SettingsFile.read(file, Set.of("relays")));
    assertTrue(e.getMessage().contains("unknown setting(s) [relay]; known: [relays]"),
        e.getMessage());
  }

  @Test
  void aFileThatIsNotUtf8OrHasABadEscapeIsATypedError() throws IOException {
    Path file = dir.resolve("s.properties");
    Files.write(file, new byte[] {'n', 'a', 'm', 'e', '=', (byte) 0xC3, (byte) 0x28});
    assertThrows(SettingsException.class, () -> SettingsFile.read(file, Set.of("name")));
    Files.writeString(file, "name=\\uZZZZ\n");
    assertThrows(SettingsException.class, () -> SettingsFile.read(file, Set.of("name")));
  }

  @Test
  void anOversizedFileIsRefusedWithoutReadingIt() throws IOException {
    Path file = dir.resolve("s.properties");
    Files.write(file, new byte[(int) SettingsFile.MAX_FILE_BYTES + 1]);
    SettingsException e = assertThrows(SettingsException.class,
        () -> SettingsFile.read(file, Set.of("name")));
    assertTrue(e.getMessage().contains("larger than"), e.getMessage());
  }
}

package io.parley.sdk.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Parsing of command texts and the generated help. */
class CommandsTest {
  @Test
  void aCommandIsTheFirstWordLowerCasedAndTheRestIsItsArguments() {
    assertEquals(new Commands.Parsed("/ping", "a  b"), Commands.parse("  /PiNg   a  b \n"));
    assertEquals(new Commands.Parsed("/help", ""), Commands.parse("/help"));
    assertNull(Commands.parse("hello /ping"));
    assertNull(Commands.parse("/"));
    assertNull(Commands.parse(""));
  }

  @Test
  void commandNamesAreNormalisedAndCheckedWhenRegistered() {
    assertEquals("/status", Commands.normalize("Status"));
    assertEquals("/a_b-1", Commands.normalize("/a_b-1"));
    assertThrows(IllegalArgumentException.class, () -> Commands.normalize("/two words"));
    assertThrows(IllegalArgumentException.class, () -> Commands.normalize("/"));
  }

  @Test
  void theHelpListsTheHeaderThenHelpThenEachCommandInRegistrationOrder() {
    Map<String, Commands.Command> m = new LinkedHashMap<>();
    m.put("/zeta", new Commands.Command("/zeta", "last letter", x -> { }));
    m.put("/alpha", new Commands.Command("/alpha", null, x -> { }));
    assertEquals("A bot.\n\nCommands:\n/help - show this list\n/zeta - last letter\n/alpha",
        new Commands(m, " A bot. ").help());
  }
}

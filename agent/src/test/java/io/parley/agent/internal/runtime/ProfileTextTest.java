package io.parley.agent.internal.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.agent.model.ProfileCommand;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The handshake profile text with a bot's command list (docs/agent-protocol.md 4.2). */
class ProfileTextTest {
  private static JsonNode vector(String name) throws Exception {
    JsonNode doc = new ObjectMapper().readTree(
        Path.of("../docs/vectors/agent-protocol.json").toFile());
    for (JsonNode v : doc.path("vectors")) {
      if (v.path("name").asText().equals(name)) {
        return v;
      }
    }
    throw new AssertionError("no vector " + name);
  }

  @Test
  void aBotProfileEncodesToTheVectorBytesAndDecodesBackToItsCommands() throws Exception {
    JsonNode v = vector("conn_info_inviter_bot_commands");
    List<ProfileCommand> commands = new ArrayList<>();
    for (JsonNode c : v.at("/inputs/commands")) {
      commands.add(new ProfileCommand(c.path("name").asText(),
          c.has("description") ? c.path("description").asText() : null));
    }
    ProfileText text = new ProfileText(v.at("/inputs/name").asText(),
        v.at("/inputs/description").asText(), commands);
    String expected = new String(HexFormat.of().parseHex(v.at("/expected/profileHex").asText()),
        StandardCharsets.UTF_8);
    assertEquals(expected, text.encode());
    assertEquals(text, ProfileText.decode(expected));
  }

  @Test
  void aProfileWithoutCommandsKeepsTheTwoFieldFormOlderAgentsSend() {
    assertEquals("Bob", new ProfileText("Bob", null).encode());
    assertEquals("Bob\0hi", new ProfileText("Bob", "hi").encode());
    assertEquals(new ProfileText("Bob", "hi"), ProfileText.decode("Bob\0hi"));
    assertEquals(new ProfileText("Bob", null), ProfileText.decode("Bob"));
  }

  @Test
  void commandsWithoutADescriptionTravelAfterAnEmptyDescriptionField() {
    ProfileText t = new ProfileText("Bot", null, List.of(new ProfileCommand("go", null)));
    assertEquals("Bot\0\0go", t.encode());
    ProfileText back = ProfileText.decode(t.encode());
    assertNull(back.description());
    assertEquals(List.of(new ProfileCommand("go", null)), back.commands());
  }

  @Test
  void aPeersBrokenCommandsAreDroppedAndLaterFieldsIgnoredWithoutFailing() {
    ProfileText t = ProfileText.decode("Bot\0d\0ok\tfine\nBAD NAME\tx\n\tnone\nesc\t\u001b[2J"
        + "\nlast\0a future field");
    assertEquals(List.of(new ProfileCommand("ok", "fine"), new ProfileCommand("last", null)),
        t.commands());
    assertEquals("d", t.description());
  }

  @Test
  void atMostTheCommandLimitIsKeptFromAPeerAndTheTextLimitIsChecked() {
    StringBuilder many = new StringBuilder("Bot\0\0");
    List<ProfileCommand> big = new ArrayList<>();
    for (int i = 0; i < ProfileText.MAX_COMMANDS + 5; i++) {
      many.append(i == 0 ? "" : "\n").append("c").append(i);
      big.add(new ProfileCommand("c" + i, "\u00e9".repeat(ProfileText.MAX_COMMAND_DESCRIPTION_CHARS)));
    }
    assertEquals(ProfileText.MAX_COMMANDS, ProfileText.decode(many.toString()).commands().size());
    assertFalse(new ProfileText("Bot", null, big).fits());
    assertTrue(new ProfileText("Bot", null, big.subList(0, 3)).fits());
  }
}

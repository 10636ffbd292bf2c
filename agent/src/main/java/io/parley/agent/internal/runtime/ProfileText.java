package io.parley.agent.internal.runtime;

import io.parley.agent.model.ProfileCommand;
import io.parley.protocol.agent.AgentLimits;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A profile as it travels in the handshake (the {@code profile} tail of the connection info
 * and of a contact request, docs/agent-protocol.md 4.2): the display name in UTF-8; then, if
 * there is a description or a command list, one 0x00 byte and the description; then, if there
 * is a command list, one 0x00 byte and the commands, each {@code name [0x09 description]},
 * separated by 0x0A. A name or description holds no control character, so the separators are
 * unambiguous; a peer that sends no 0x00 sent a name alone, and anything after a third 0x00 is
 * left for later fields. What a peer sends is untrusted: {@link #decode} never fails, and
 * commands that break the rules are dropped. Stateless.
 *
 * @param name the display name, possibly empty
 * @param description the description, or null
 * @param commands the commands a bot answers, in order; empty for none
 */
public record ProfileText(String name, String description, List<ProfileCommand> commands) {
  /** Longest display name. UNIT: characters. */
  public static final int MAX_NAME_CHARS = 100;
  /** Longest description. UNIT: characters. */
  public static final int MAX_DESCRIPTION_CHARS = 500;
  /** Most commands a profile publishes. */
  public static final int MAX_COMMANDS = ProfileCommand.MAX_COMMANDS;
  /** Longest command name, without its slash. UNIT: characters. */
  public static final int MAX_COMMAND_NAME_CHARS = ProfileCommand.MAX_NAME_CHARS;
  /** Longest command description. UNIT: characters. */
  public static final int MAX_COMMAND_DESCRIPTION_CHARS = ProfileCommand.MAX_DESCRIPTION_CHARS;
  /** Longest handshake text (name, description and commands). UNIT: UTF-8 bytes. */
  public static final int MAX_TEXT_BYTES = AgentLimits.MAX_PROFILE_BYTES;
  private static final char SEPARATOR = '\0';
  private static final char COMMAND_SEPARATOR = '\n';
  private static final char DESCRIPTION_SEPARATOR = '\t';

  public ProfileText {
    commands = commands == null ? List.of() : List.copyOf(commands);
  }

  /** A profile text without commands. */
  public ProfileText(String name, String description) {
    this(name, description, List.of());
  }

  /** The handshake text; see {@link #fits()} for its limit. */
  public String encode() {
    String cmds = encodeCommands(commands);
    if (cmds != null) {
      return name + SEPARATOR + (description == null ? "" : description) + SEPARATOR + cmds;
    }
    return description == null || description.isEmpty() ? name
        : name + SEPARATOR + description;
  }

  /** Whether the encoded text stays within the protocol's profile limit. */
  public boolean fits() {
    return encode().getBytes(StandardCharsets.UTF_8).length <= MAX_TEXT_BYTES;
  }

  /** Reads what a peer sent (null or empty: nothing). */
  public static ProfileText decode(String text) {
    if (text == null) {
      return new ProfileText("", null);
    }
    int cut = text.indexOf(SEPARATOR);
    if (cut < 0) {
      return new ProfileText(text, null);
    }
    int second = text.indexOf(SEPARATOR, cut + 1);
    if (second < 0) {
      return new ProfileText(text.substring(0, cut), text.substring(cut + 1));
    }
    int third = text.indexOf(SEPARATOR, second + 1);
    String description = text.substring(cut + 1, second);
    String cmds = text.substring(second + 1, third < 0 ? text.length() : third);
    return new ProfileText(text.substring(0, cut), description.isEmpty() ? null : description,
        decodeCommands(cmds));
  }

  /** The command field's wire form, or null when there are none. */
  public static String encodeCommands(List<ProfileCommand> commands) {
    if (commands == null || commands.isEmpty()) {
      return null;
    }
    StringBuilder sb = new StringBuilder();
    for (ProfileCommand c : commands) {
      if (sb.length() > 0) {
        sb.append(COMMAND_SEPARATOR);
      }
      sb.append(c.name());
      if (c.description() != null && !c.description().isEmpty()) {
        sb.append(DESCRIPTION_SEPARATOR).append(c.description());
      }
    }
    return sb.toString();
  }

  /**
   * Commands in wire form (null: none); an entry that breaks the rules is dropped, and at
   * most {@link #MAX_COMMANDS} are kept.
   */
  public static List<ProfileCommand> decodeCommands(String field) {
    if (field == null || field.isEmpty()) {
      return List.of();
    }
    List<ProfileCommand> out = new ArrayList<>();
    for (String entry : field.split(String.valueOf(COMMAND_SEPARATOR), -1)) {
      if (out.size() == MAX_COMMANDS) {
        break;
      }
      int tab = entry.indexOf(DESCRIPTION_SEPARATOR);
      ProfileCommand c = tab < 0 ? new ProfileCommand(entry, null)
          : new ProfileCommand(entry.substring(0, tab), entry.substring(tab + 1));
      if (problem(c) == null) {
        out.add(c);
      }
    }
    return List.copyOf(out);
  }

  /** What is wrong with {@code c}, or null if a profile may publish it. */
  public static String problem(ProfileCommand c) {
    if (c.name() == null || !ProfileCommand.NAME.matcher(c.name()).matches()) {
      return "a command name is 1-" + MAX_COMMAND_NAME_CHARS
          + " of a-z 0-9 _ - (without the slash)";
    }
    if (!acceptable(c.description(), MAX_COMMAND_DESCRIPTION_CHARS)) {
      return "a command description is at most " + MAX_COMMAND_DESCRIPTION_CHARS
          + " characters without control characters";
    }
    return null;
  }

  /**
   * Whether a display name (or description) may be stored: no control characters and at
   * most {@code maxChars} characters.
   */
  public static boolean acceptable(String text, int maxChars) {
    if (text == null) {
      return true;
    }
    if (text.length() > maxChars) {
      return false;
    }
    return text.codePoints().noneMatch(Character::isISOControl)
        && text.getBytes(StandardCharsets.UTF_8).length <= maxChars * 4;
  }
}

package io.parley.sdk.bot;

import io.parley.sdk.model.BotCommand;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The bot's command table: parses {@code /name args} texts and writes the {@code /help} list in
 * registration order. Immutable once built; thread-safe.
 */
final class Commands {
  /** The command every bot answers. */
  static final String HELP = "/help";
  /** Command names: a slash and 1-32 letters, digits, {@code _} or {@code -}. */
  static final Pattern NAME = Pattern.compile("/[a-z0-9_-]{1,32}");

  /** What {@code /help} does, in the list and in the profile. */
  static final String HELP_DESCRIPTION = "show this list";
  /** Longest command description a profile takes (the API's limit). UNIT: characters. */
  static final int MAX_PUBLISHED_DESCRIPTION_CHARS = 100;

  /** One registered command. */
  record Command(String name, String help, MessageHandler handler) {}

  /** A text split into command name (lower case) and arguments. */
  record Parsed(String name, String args) {}

  private final Map<String, Command> byName;
  private final String header;

  Commands(Map<String, Command> commands, String header) {
    this.byName = new LinkedHashMap<>(commands);
    this.header = header;
  }

  /** Checks and normalises a command name given by the bot's author. */
  static String normalize(String name) {
    String n = name.strip().toLowerCase(Locale.ROOT);
    if (!n.startsWith("/")) {
      n = "/" + n;
    }
    if (!NAME.matcher(n).matches()) {
      throw new IllegalArgumentException("a command is a slash and 1-32 of a-z 0-9 _ -: " + name);
    }
    return n;
  }

  /** The command in {@code text}, or null when the text is not a command. */
  static Parsed parse(String text) {
    String t = text.strip();
    if (t.length() < 2 || t.charAt(0) != '/') {
      return null;
    }
    int end = 1;
    while (end < t.length() && !Character.isWhitespace(t.charAt(end))) {
      end++;
    }
    return new Parsed(t.substring(0, end).toLowerCase(Locale.ROOT), t.substring(end).strip());
  }

  Command find(String name) {
    return byName.get(name);
  }

  boolean isEmpty() {
    return byName.isEmpty();
  }

  /**
   * The list the bot publishes in its profile: {@code help} first unless registered, then
   * every command in registration order, names without the slash.
   */
  List<BotCommand> published() {
    List<BotCommand> out = new ArrayList<>();
    if (!byName.containsKey(HELP)) {
      out.add(new BotCommand(HELP.substring(1), HELP_DESCRIPTION));
    }
    for (Command c : byName.values()) {
      String help = c.help() == null || c.help().isBlank() ? null : c.help().strip();
      if (help != null && help.length() > MAX_PUBLISHED_DESCRIPTION_CHARS) {
        help = help.substring(0, MAX_PUBLISHED_DESCRIPTION_CHARS - 1) + "\u2026";
      }
      out.add(new BotCommand(c.name().substring(1), help));
    }
    return out;
  }

  /** The generated {@code /help} text. */
  String help() {
    StringBuilder sb = new StringBuilder();
    if (header != null && !header.isBlank()) {
      sb.append(header.strip()).append("\n\n");
    }
    sb.append("Commands:");
    if (!byName.containsKey(HELP)) {
      sb.append("\n").append(HELP).append(" - ").append(HELP_DESCRIPTION);
    }
    for (Command c : byName.values()) {
      sb.append("\n").append(c.name());
      if (c.help() != null && !c.help().isBlank()) {
        sb.append(" - ").append(c.help().strip());
      }
    }
    return sb.toString();
  }
}

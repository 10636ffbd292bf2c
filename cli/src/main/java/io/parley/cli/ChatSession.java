package io.parley.cli;

import io.parley.sdk.ParleyClient;
import io.parley.sdk.error.ParleyException;
import io.parley.sdk.events.Subscription;
import io.parley.sdk.events.SubscriptionOptions;
import io.parley.sdk.model.BotCommand;
import io.parley.sdk.model.Connection;
import io.parley.sdk.model.Event;
import io.parley.sdk.model.EventTypes;
import io.parley.sdk.model.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.completer.StringsCompleter;
import org.jline.terminal.Terminal;

/**
 * One {@code parley chat}: prints the connection's recent history, then reads lines at a prompt
 * (JLine: editing, in-memory history, tab completion of {@code /commands}) while incoming texts
 * and delivery failures are printed above the prompt without disturbing what is being typed.
 * Nothing typed is kept on disk. Not thread-safe apart from the event callback.
 */
final class ChatSession {
  /** Leaves the chat. */
  static final String QUIT = "/quit";
  /** Lists the client's commands and the peer bot's. */
  static final String HELP = "/help";
  static final String PROMPT = "> ";
  /** The client's own commands, with what they do. */
  static final List<BotCommand> OWN_COMMANDS = List.of(
      new BotCommand("help", "this list"),
      new BotCommand("quit", "leave the chat (Ctrl-D too)"));

  private final ParleyClient client;
  private final Connection connection;
  private final Terminal terminal;
  private final String peer;
  private final Set<String> shown = ConcurrentHashMap.newKeySet();

  ChatSession(ParleyClient client, Connection connection, Terminal terminal) {
    this.client = client;
    this.connection = connection;
    this.terminal = terminal;
    this.peer = WatchCommand.label(connection);
  }

  void run() {
    // The client's own /help and /quit shadow a bot's commands of the same name.
    List<BotCommand> botCommands = connection.peerProfile() == null ? List.of()
        : connection.peerProfile().commands().stream()
            .filter(c -> OWN_COMMANDS.stream().noneMatch(o -> o.name().equals(c.name())))
            .toList();
    List<String> completions = new ArrayList<>();
    OWN_COMMANDS.forEach(c -> completions.add("/" + c.name()));
    botCommands.forEach(c -> completions.add("/" + c.name()));
    LineReader reader = LineReaderBuilder.builder().terminal(terminal).appName("parley")
        .completer(new StringsCompleter(completions)).build();
    long latest = client.info().events().latestSeq();
    println("Chat with " + peer + " (" + status() + "). " + HELP + " for commands, " + QUIT
        + " to leave.");
    for (Message m : client.history(connection.id())) {
      shown.add(m.id());
      println(Lines.chat(m, peer));
    }
    SubscriptionOptions options = SubscriptionOptions.builder().after(latest)
        .types(Set.of(EventTypes.MESSAGE_RECEIVED, EventTypes.MESSAGE_STATUS,
            EventTypes.MESSAGE_ERROR, EventTypes.CONNECTION_ESTABLISHED))
        .build();
    try (Subscription sub = client.subscribe(options, e -> onEvent(reader, e))) {
      loop(reader, botCommands);
    }
  }

  private void loop(LineReader reader, List<BotCommand> botCommands) {
    while (true) {
      String line;
      try {
        line = reader.readLine(PROMPT);
      } catch (UserInterruptException e) {
        continue;
      } catch (EndOfFileException e) {
        return;
      }
      String text = line.strip();
      if (text.isEmpty()) {
        continue;
      }
      if (text.equals(QUIT)) {
        return;
      }
      if (text.equals(HELP)) {
        help(botCommands);
        continue;
      }
      try {
        client.send(connection.id(), text);
      } catch (ParleyException e) {
        println("! not sent: " + e.getMessage());
      }
    }
  }

  private void help(List<BotCommand> botCommands) {
    StringBuilder sb = new StringBuilder("Commands of this client:");
    for (BotCommand c : OWN_COMMANDS) {
      sb.append("\n  /").append(c.name()).append(" - ").append(c.description());
    }
    if (!botCommands.isEmpty()) {
      sb.append("\nCommands of ").append(peer).append(" (sent to it):");
      for (BotCommand c : botCommands) {
        sb.append("\n  /").append(Lines.printable(c.name()));
        if (c.description() != null && !c.description().isBlank()) {
          sb.append(" - ").append(Lines.printable(c.description()));
        }
      }
    }
    println(sb.toString());
  }

  private void onEvent(LineReader reader, Event e) {
    if (!connection.id().equals(e.connectionId())) {
      return;
    }
    String line = switch (e.type()) {
      case EventTypes.MESSAGE_RECEIVED -> e.messageId() != null && !shown.add(e.messageId())
          ? null : Lines.chat(e.time(), peer, e.text());
      case EventTypes.MESSAGE_STATUS -> "failed".equals(e.string("status"))
          ? "! a message failed: " + Lines.printable(e.string("reason")) : null;
      case EventTypes.MESSAGE_ERROR -> "! " + Lines.printable(e.string("reason"));
      case EventTypes.CONNECTION_ESTABLISHED -> "* " + peer + " is connected";
      default -> null;
    };
    if (line != null) {
      reader.printAbove(line);
    }
  }

  private String status() {
    return connection.status() == null ? "unknown"
        : connection.status().name().toLowerCase(java.util.Locale.ROOT);
  }

  private void println(String s) {
    terminal.writer().println(s);
    terminal.writer().flush();
  }
}

package io.parley.bots.echo;

import com.google.zxing.WriterException;
import io.parley.bots.echo.EchoOptions.UsageException;
import io.parley.launch.CommandLines;
import io.parley.sdk.ParleyClient;
import io.parley.sdk.bot.Bot;
import io.parley.sdk.error.ParleyException;
import io.parley.sdk.model.ContactAddress;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A bot that sends every text back to its sender. It runs in a profile of its own on the
 * daemon ({@value #PROFILE_NAME}, created on first start through the owner token; its token is
 * kept beside the owner's token file), so it never sees or answers the chats of the daemon's
 * other profiles. It creates (or reuses) its profile's contact address with auto-accept and a
 * welcome message, prints the address link and its QR code, and answers {@code /help}. Uses only the SDK; run it with
 * {@code java -jar echo-bot.jar --api URL --token-file F}.
 */
public final class EchoBot {
  /** What the daemon sends each new contact. */
  static final String WELCOME = "Hi! I am an echo bot: I send back every text you send me. "
      + "Send /help for commands.";
  /** The display name of the bot's profile: what people see when they connect. */
  static final String PROFILE_NAME = "Echo";
  static final String PROFILE_DESCRIPTION = "I send back every text you send me.";
  /** Exit status for a bad command line. */
  static final int EXIT_USAGE = 2;
  /** Exit status when the bot cannot run or stops on a failure. */
  static final int EXIT_FAILURE = 1;

  private EchoBot() {}

  /** The echo bot on {@code client}, not yet started. */
  static Bot create(ParleyClient client, String name) {
    return Bot.builder(client)
        .name(name)
        .profile(PROFILE_NAME, PROFILE_DESCRIPTION, null)
        .contactAddress(true, WELCOME)
        .helpHeader("I send back every text you send me.")
        .onMessage(m -> m.reply(m.text()))
        .build();
  }

  /**
   * Parses the command line, starts the bot and prints its address; returns the running bot, or
   * null after {@code --help} or {@code --version}.
   *
   * @throws UsageException for a bad command line
   * @throws ParleyException if the daemon cannot be reached or refuses
   */
  static Bot launch(String[] args, Map<String, String> env, PrintStream out)
      throws UsageException {
    return launch(args, env, out, false);
  }

  /** As {@link #launch(String[], Map, PrintStream)}, configuring logging if {@code logging}. */
  private static Bot launch(String[] args, Map<String, String> env, PrintStream out,
      boolean logging) throws UsageException {
    EchoOptions options = new EchoOptions();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    CommandLines.Result parsed = CommandLines.parse(options, args, EchoOptions.defaults(env),
        out, new PrintStream(err, true, StandardCharsets.UTF_8));
    if (parsed instanceof CommandLines.Exit exit) {
      if (exit.status() != CommandLines.EXIT_OK) {
        throw new UsageException(err.toString(StandardCharsets.UTF_8).strip());
      }
      return null;
    }
    if (logging) {
      options.logs.apply();
    }
    Bot bot = create(ParleyClient.create(options.config(env)), options.name());
    bot.start();
    ContactAddress address = bot.contactAddress().orElseThrow();
    out.println("Echo bot '" + bot.name() + "' is running. Its contact address:");
    out.println();
    out.println(address.link());
    out.println();
    try {
      out.print(TerminalQr.render(address.link()));
    } catch (WriterException e) {
      out.println("(the link is too long for a terminal QR code)");
    }
    return bot;
  }

  /** Runs the bot until the process is stopped. */
  public static void main(String[] args) {
    Bot bot;
    try {
      bot = launch(args, System.getenv(), System.out, true);
    } catch (UsageException e) {
      System.err.println(e.getMessage());
      System.exit(EXIT_USAGE);
      return;
    } catch (ParleyException e) {
      System.err.println("echo bot: " + e.getMessage());
      System.exit(EXIT_FAILURE);
      return;
    }
    if (bot == null) {
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(bot::stop, "echo-bot-stop"));
    try {
      bot.awaitStopped();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    bot.failure().ifPresent(f -> {
      System.err.println("echo bot stopped: " + f.getMessage());
      System.exit(EXIT_FAILURE);
    });
  }
}

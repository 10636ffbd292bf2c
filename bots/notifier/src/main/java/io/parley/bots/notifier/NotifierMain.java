package io.parley.bots.notifier;

import io.parley.bots.notifier.config.ConfigException;
import io.parley.bots.notifier.config.NotifierArgs;
import io.parley.bots.notifier.config.NotifierCommand;
import io.parley.bots.notifier.config.NotifierConfig;
import io.parley.bots.notifier.http.NotifyToken;
import io.parley.bots.notifier.sdk.NotifierBot;
import io.parley.bots.notifier.store.StoreException;
import io.parley.launch.CommandLines;
import io.parley.sdk.error.ParleyException;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;

/**
 * {@code java -jar notifier-bot.jar}: parses flags and environment, starts the bot, prints where
 * it listens and its contact address, and runs until SIGTERM. A daemon that is away, restarting
 * or refusing the token is waited for (logged at each try), not a reason to exit. Exit status 0
 * after a clean stop or {@code --help}, 1 if it cannot start (data directory, database, port, or
 * the daemon refusing the set-up for a reason a retry cannot fix), 2 for bad flags.
 */
public final class NotifierMain {
  private static final String NAME = "notifier";
  private static final String PREFIX = NAME + ": ";
  private static final int EXIT_FAILURE = 1;
  private static final int EXIT_USAGE = 2;

  private NotifierMain() {}

  public static void main(String[] args) throws InterruptedException {
    PrintStream out = System.out;
    PrintStream err = System.err;
    NotifierCommand command = new NotifierCommand();
    CommandLines.Result parsed = CommandLines.parse(command, args,
        NotifierCommand.defaults(System.getenv()), out, err);
    if (parsed instanceof CommandLines.Exit exit) {
      System.exit(exit.status());
      return;
    }
    NotifierConfig config;
    try {
      config = NotifierArgs.toConfig(command, System.getenv());
    } catch (ConfigException e) {
      CommandLines.usageError(err, NAME, e.getMessage());
      System.exit(EXIT_USAGE);
      return;
    }
    command.logs().apply();
    NotifierBot bot;
    try {
      bot = NotifierBot.start(config, Clock.systemUTC());
    } catch (IOException | StoreException | ParleyException e) {
      err.println(PREFIX + "cannot start: " + e.getMessage());
      System.exit(EXIT_FAILURE);
      return;
    } catch (RuntimeException e) {
      err.println(PREFIX + "cannot start the receiver on " + config.listenHost() + ":"
          + config.listenPort() + ": " + e.getMessage());
      System.exit(EXIT_FAILURE);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(bot::close, "notifier-stop"));
    out.println(PREFIX + "alerts: POST http://" + config.listenHost() + ":" + bot.receiverPort()
        + "/notify/TOPIC");
    out.println(PREFIX + "receiver token: " + (config.notifyToken() != null
        ? "from PARLEY_NOTIFY_TOKEN" : config.dataDir().resolve(NotifyToken.FILE_NAME)));
    bot.contactAddress().ifPresent(a -> out.println(PREFIX + "contact address: " + a.link()));
    out.println(PREFIX + "ready");
    out.flush();
    bot.awaitStopped();
    if (bot.failure().isPresent()) {
      err.println(PREFIX + "stopped: " + bot.failure().get().getMessage());
      System.exit(EXIT_FAILURE);
    }
  }
}

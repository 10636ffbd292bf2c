package io.parley.bots.notifier.sdk;

import io.parley.bots.notifier.service.NotifierService;
import io.parley.bots.notifier.command.SubscriptionCommands;
import io.parley.bots.notifier.config.NotifierConfig;
import io.parley.bots.notifier.store.StoreException;
import io.parley.sdk.ParleyClient;
import io.parley.sdk.ParleyConfig;
import io.parley.sdk.bot.Bot;
import io.parley.sdk.error.ParleyException;
import io.parley.sdk.model.ContactAddress;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The notifier as a Parley bot: a {@link NotifierService} sending through the SDK, and an SDK
 * {@link Bot} that owns the contact address (auto-accept, with {@link
 * SubscriptionCommands#WELCOME} as its welcome message) and feeds {@code /subscribe},
 * {@code /unsubscribe}, {@code /list} and {@code /mute} to the service. The bot's event
 * consumer is named {@value #BOT_NAME}, so a restarted notifier handles no command twice.
 * Thread-safe; close once.
 */
public final class NotifierBot implements AutoCloseable {
  /** The bot's name, which is also its event consumer's name in the daemon. */
  public static final String BOT_NAME = "notifier";
  /**
   * Longest wait for the daemon's answer to a send; the receiver answers 503 after it, so keep
   * it under the alert sources' own timeouts. UNIT: seconds.
   */
  public static final Duration API_REQUEST_TIMEOUT = Duration.ofSeconds(10);
  static final String HELP_HEADER = "I forward alerts from monitoring systems. Commands:";

  private final NotifierService service;
  private final Bot bot;

  private NotifierBot(NotifierService service, Bot bot) {
    this.service = service;
    this.bot = bot;
  }

  /**
   * Starts the service and the bot.
   *
   * @throws IOException the data directory or notify token cannot be used
   * @throws StoreException the bot's database cannot be opened
   * @throws ParleyException the daemon cannot be reached or refuses the set-up
   * @throws RuntimeException from Undertow when the listen address cannot be bound
   */
  public static NotifierBot start(NotifierConfig config, Clock clock)
      throws IOException, StoreException {
    ParleyClient client = ParleyClient.create(ParleyConfig.builder(Map.of())
        .api(config.api().toString()).token(config.apiToken())
        .requestTimeout(API_REQUEST_TIMEOUT).build());
    NotifierService service = NotifierService.start(config, new SdkChatGateway(client), clock);
    try {
      SubscriptionCommands c = service.commands();
      Bot bot = Bot.builder(client)
          .name(BOT_NAME)
          .contactAddress(true, SubscriptionCommands.WELCOME)
          .helpHeader(HELP_HEADER)
          .onCommand("/subscribe", SubscriptionCommands.SUBSCRIBE_HELP,
              m -> m.reply(c.subscribe(m.connectionId(), words(m.args()))))
          .onCommand("/unsubscribe", SubscriptionCommands.UNSUBSCRIBE_HELP,
              m -> m.reply(c.unsubscribe(m.connectionId(), words(m.args()))))
          .onCommand("/list", SubscriptionCommands.LIST_HELP,
              m -> m.reply(c.list(m.connectionId())))
          .onCommand("/mute", SubscriptionCommands.MUTE_HELP,
              m -> m.reply(c.mute(m.connectionId(), words(m.args()))))
          .build();
      bot.start();
      return new NotifierBot(service, bot);
    } catch (RuntimeException e) {
      service.close();
      throw e;
    }
  }

  /** The contact address subscribers connect to. */
  public Optional<ContactAddress> contactAddress() {
    return bot.contactAddress();
  }

  /** The receiver's bound port. */
  public int receiverPort() {
    return service.receiverPort();
  }

  /**
   * Blocks until the bot stops: {@link #close()} was called, or a failure retrying cannot fix
   * (a revoked token) ended its event stream.
   */
  public void awaitStopped() throws InterruptedException {
    bot.awaitStopped();
  }

  /** The failure that stopped the bot's event stream, if one did. */
  public Optional<ParleyException> failure() {
    return bot.failure();
  }

  /** Stops reading commands, then stops the receiver and closes the database. */
  @Override
  public void close() {
    bot.stop();
    service.close();
  }

  static List<String> words(String args) {
    String t = args == null ? "" : args.strip();
    return t.isEmpty() ? List.of() : Arrays.asList(t.split("\\s+"));
  }
}

package io.parley.sdk.bot;

import io.parley.sdk.ParleyClient;
import io.parley.sdk.error.ForbiddenException;
import io.parley.sdk.error.ParleyException;
import io.parley.sdk.events.Subscription;
import io.parley.sdk.events.SubscriptionOptions;
import io.parley.sdk.model.BotCommand;
import io.parley.sdk.model.ContactAddress;
import io.parley.sdk.model.Event;
import io.parley.sdk.model.EventTypes;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A chat bot on a Parley daemon: routes received texts to command handlers
 * ({@code /name args}, with a generated {@code /help}) or a message handler, greets new
 * connections, and optionally sets up a contact address that accepts everyone with a welcome
 * message.
 *
 * <pre>{@code
 * Bot bot = Bot.builder(ParleyClient.fromEnvironment())
 *     .name("echo")
 *     .contactAddress(true, "Hi! I repeat what you say. Send /help.")
 *     .onCommand("/ping", "answers pong", m -> m.reply("pong"))
 *     .onMessage(m -> m.reply(m.text()))
 *     .build();
 * bot.start();
 * }</pre>
 *
 * <p>Events are read through a named consumer called after the bot, so a restarted bot goes on
 * after the last message it handled, and handles no message twice; on its very first start it
 * begins with new events only. Handlers run on one thread, one event at a time. Thread-safe.
 */
public final class Bot {
  private static final System.Logger LOG = System.getLogger(Bot.class.getName());
  /** The bot's name (and consumer name) when none is given. */
  public static final String DEFAULT_NAME = "bot";
  /** What the bot answers to plain text when it has no message handler. */
  static final String COMMANDS_ONLY = "I understand commands only. Send /help for the list.";
  /** The event types a bot reads. */
  private static final Set<String> ROUTED_TYPES =
      Set.of(EventTypes.MESSAGE_RECEIVED, EventTypes.CONNECTION_ESTABLISHED);

  private final ParleyClient ownerClient;
  private final ProfileSettings profile;
  /** The client acting in the bot's profile, set by {@link #start()}. */
  private ParleyClient client;
  private final String name;
  private final Commands commands;
  private final MessageHandler onMessage;
  private final ConnectionHandler onConnected;
  private final AddressSettings address;
  private final Consumer<SubscriptionOptions.Builder> tuning;
  private Subscription subscription;
  private ContactAddress contactAddress;

  private Bot(Builder b) {
    this.ownerClient = b.client;
    this.client = b.client;
    this.profile = b.profile;
    this.name = b.name;
    this.commands = new Commands(b.commands, b.helpHeader);
    this.onMessage = b.onMessage;
    this.onConnected = b.onConnected;
    this.address = b.address;
    this.tuning = b.tuning;
  }

  /** A builder for a bot using {@code client}. */
  public static Builder builder(ParleyClient client) {
    return new Builder(client);
  }

  /** The bot's name, which is also its consumer's name in the daemon. */
  public String name() {
    return name;
  }

  /**
   * Sets up the contact address (if configured) and starts handling events. Returns at once;
   * handlers run on the bot's own thread until {@link #stop()}.
   *
   * @throws ParleyException if the daemon cannot be reached or refuses the address set-up
   * @throws IllegalStateException if already started
   */
  public synchronized void start() {
    if (subscription != null) {
      throw new IllegalStateException("the bot is already started");
    }
    if (profile != null) {
      client = ownerClient.inProfile(profile.name(), profile.description(),
          profile.tokenFile());
    }
    publishCommands();
    if (address != null) {
      contactAddress = ensureAddress();
    }
    // A bot away longer than the daemon keeps events goes on with what is left.
    SubscriptionOptions.Builder options = SubscriptionOptions.builder().fromLatest()
        .skipExpired(true);
    tuning.accept(options);
    options.consumer(name).types(ROUTED_TYPES);
    subscription = client.subscribe(options.build(), this::route);
  }

  /**
   * Puts the bot's command list in its profile, which sends it to peers in the handshake, so
   * a client can list and complete the commands; skipped when the profile has it already. A
   * token that may not change the profile (a send-scoped one) leaves it as it is.
   */
  private void publishCommands() {
    List<BotCommand> wanted = commands.published();
    try {
      String profileId = client.info().profile();
      if (profileId == null || client.profiles().get(profileId).commands().equals(wanted)) {
        return;
      }
      client.profiles().setCommands(profileId, wanted);
    } catch (ForbiddenException e) {
      LOG.log(Level.WARNING, "the bot's token may not change its profile; its"
          + " commands are not published to peers");
    }
  }

  /** The contact address set up by {@link #start()}, if the bot has one. */
  public synchronized Optional<ContactAddress> contactAddress() {
    return Optional.ofNullable(contactAddress);
  }

  /** The running subscription, once started. */
  public synchronized Optional<Subscription> subscription() {
    return Optional.ofNullable(subscription);
  }

  /** Whether the bot is handling events. */
  public synchronized boolean isRunning() {
    return subscription != null && subscription.isRunning();
  }

  /**
   * Stops gracefully: the message being handled finishes and is acknowledged, then the bot
   * reads no more. Idempotent.
   */
  public void stop() {
    Subscription s;
    synchronized (this) {
      s = subscription;
    }
    if (s != null) {
      s.close();
    }
  }

  /**
   * Blocks until the bot has stopped: {@link #stop()} was called or a failure that retrying
   * cannot fix (see {@link #failure()}) ended it.
   *
   * @throws IllegalStateException if the bot was never started
   */
  public void awaitStopped() throws InterruptedException {
    Subscription s;
    synchronized (this) {
      s = subscription;
    }
    if (s == null) {
      throw new IllegalStateException("the bot was not started");
    }
    while (!s.awaitStopped(Duration.ofHours(1))) {
      // Keep waiting: a bot runs until stopped.
    }
  }

  /** The failure that stopped the bot, if one did (an unauthorized token, say). */
  public synchronized Optional<ParleyException> failure() {
    return subscription == null ? Optional.empty() : subscription.failure();
  }

  /**
   * The daemon's contact address with this bot's settings: created if missing, otherwise its
   * settings are brought in line (its link, maybe published already, stays the same).
   */
  private ContactAddress ensureAddress() {
    Optional<ContactAddress> existing = client.address();
    if (existing.isPresent() && existing.get().autoAccept() == address.autoAccept()
        && Objects.equals(existing.get().welcome(), address.welcome())) {
      return existing.get();
    }
    if (existing.isPresent()) {
      LOG.log(Level.INFO, "updating the contact address's settings to this bot's (auto-accept "
          + address.autoAccept() + ")");
    }
    return client.putAddress(address.autoAccept(), address.welcome());
  }

  private void route(Event event) throws Exception {
    Replier replier = new Replier(client, name, event.seq());
    if (EventTypes.CONNECTION_ESTABLISHED.equals(event.type())) {
      if (onConnected != null && event.connectionId() != null) {
        onConnected.handle(new ConnectionContext(event, client, replier));
      }
      return;
    }
    if (!event.isMessage() || event.connectionId() == null || event.text() == null) {
      return;
    }
    Commands.Parsed parsed = Commands.parse(event.text());
    if (parsed == null) {
      MessageContext m = new MessageContext(event, client, replier, null, "");
      if (onMessage != null) {
        onMessage.handle(m);
      } else {
        m.reply(COMMANDS_ONLY);
      }
      return;
    }
    MessageContext m = new MessageContext(event, client, replier, parsed.name(), parsed.args());
    Commands.Command c = commands.find(parsed.name());
    if (c != null) {
      c.handler().handle(m);
    } else if (parsed.name().equals(Commands.HELP)) {
      m.reply(commands.help());
    } else {
      m.reply("Unknown command " + parsed.name() + ". Send /help for the list.");
    }
  }

  /**
   * The client the bot acts through: once started with a profile, one holding the profile's
   * token; else the client it was built with.
   */
  public synchronized ParleyClient client() {
    return client;
  }

  /** The contact address the bot sets up. */
  private record AddressSettings(boolean autoAccept, String welcome) {}

  /** The profile the bot runs in. */
  private record ProfileSettings(String name, String description, Path tokenFile) {}

  /** Collects a bot's handlers and settings. Not thread-safe. */
  public static final class Builder {
    private final ParleyClient client;
    private final Map<String, Commands.Command> commands = new LinkedHashMap<>();
    private String name = DEFAULT_NAME;
    private String helpHeader;
    private MessageHandler onMessage;
    private ConnectionHandler onConnected;
    private AddressSettings address;
    private ProfileSettings profile;
    private Consumer<SubscriptionOptions.Builder> tuning = o -> { };

    private Builder(ParleyClient client) {
      this.client = Objects.requireNonNull(client, "client");
    }

    /**
     * The bot's name: 1-64 of {@code A-Z a-z 0-9 . _ -}. It names the daemon-side consumer
     * that remembers which events the bot handled, so keep it stable across restarts and
     * unique among the bots on one daemon.
     */
    public Builder name(String botName) {
      if (botName == null || !SubscriptionOptions.CONSUMER_NAME.matcher(botName).matches()) {
        throw new IllegalArgumentException("a bot name is 1-64 of A-Z a-z 0-9 . _ -");
      }
      this.name = botName;
      return this;
    }

    /**
     * Creates the daemon's contact address on start, or reuses the existing one.
     *
     * @param autoAccept accept everyone who uses the address
     * @param welcome the message the daemon sends on each new connection through the address,
     *     or null
     */
    public Builder contactAddress(boolean autoAccept, String welcome) {
      this.address = new AddressSettings(autoAccept, welcome);
      return this;
    }

    /**
     * Runs the bot in its own profile of the daemon, named {@code displayName} (what people
     * see in the handshake), so its connections, address and events are apart from everyone
     * else's on the daemon. The first start creates the profile and a token of it through
     * the client's token, which must be the owner token ({@code api.token}); the profile's
     * token is kept in {@code profile-<name>.token} beside the owner's token file, and later
     * starts use it.
     */
    public Builder profile(String displayName) {
      return profile(displayName, null, null);
    }

    /**
     * Like {@link #profile(String)}, with a description sent with the name and the file that
     * keeps the profile's token (null: beside the owner's token file).
     */
    public Builder profile(String displayName, String description, Path tokenFile) {
      if (displayName == null || displayName.isBlank()) {
        throw new IllegalArgumentException("a profile needs a display name");
      }
      this.profile = new ProfileSettings(displayName, description, tokenFile);
      return this;
    }

    /** Handles texts that are not commands (without it the bot points the sender to /help). */
    public Builder onMessage(MessageHandler handler) {
      this.onMessage = Objects.requireNonNull(handler, "handler");
      return this;
    }

    /**
     * Handles {@code /name args}, matched without regard to case; {@code help} is its line in
     * the generated {@code /help} (registering {@code /help} itself replaces that).
     */
    public Builder onCommand(String command, String help, MessageHandler handler) {
      String n = Commands.normalize(command);
      commands.put(n, new Commands.Command(n, help, Objects.requireNonNull(handler, "handler")));
      return this;
    }

    /** Handles each newly established connection. */
    public Builder onConnected(ConnectionHandler handler) {
      this.onConnected = Objects.requireNonNull(handler, "handler");
      return this;
    }

    /** A paragraph shown above the command list of {@code /help}. */
    public Builder helpHeader(String text) {
      this.helpHeader = text;
      return this;
    }

    /**
     * Adjusts the event subscription (backoff, transport, start of a new consumer). The
     * consumer name and event types are the bot's own and cannot be changed.
     */
    public Builder subscription(Consumer<SubscriptionOptions.Builder> adjust) {
      this.tuning = Objects.requireNonNull(adjust, "adjust");
      return this;
    }

    /** The bot, not yet started. */
    public Bot build() {
      return new Bot(this);
    }
  }
}

package io.parley.bots.notifier.sdk;

import io.parley.bots.notifier.service.NotifierService;
import io.parley.bots.notifier.command.SubscriptionCommands;
import io.parley.bots.notifier.config.NotifierConfig;
import io.parley.bots.notifier.store.StoreException;
import io.parley.sdk.ParleyClient;
import io.parley.sdk.bot.Bot;
import io.parley.sdk.error.ParleyException;
import io.parley.sdk.events.Subscription;
import io.parley.sdk.events.SubscriptionListener;
import io.parley.sdk.events.SubscriptionOptions;
import io.parley.sdk.events.Transport;
import io.parley.sdk.model.ContactAddress;
import io.parley.sdk.model.EventTypes;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The notifier as a Parley bot: a {@link NotifierService} sending through the SDK, an SDK
 * {@link Bot} that owns the contact address (auto-accept, with {@link
 * SubscriptionCommands#WELCOME} as its welcome message) and feeds {@code /subscribe},
 * {@code /unsubscribe}, {@code /list} and {@code /mute} to the service, and a {@link
 * ConnectionWatcher} that forgets subscribers whose connection was deleted. The bot's event
 * consumer is named {@value #BOT_NAME}, so a restarted notifier handles no command twice.
 *
 * <p>A daemon that is away or restarting does not stop the bot: the SDK retries a dropped event
 * stream by itself, and when the daemon ends it for a reason the SDK does not retry (a 401 while
 * it restarts, or because its token was replaced), a supervising thread starts the bot again
 * with backoff from {@code retryMin} to {@code retryMax}, reading the token file again first.
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
  /** First wait before trying a daemon that refused or did not answer again. */
  public static final Duration DEFAULT_RETRY_MIN = Duration.ofSeconds(1);
  /** Longest wait between tries; the wait doubles up to it. */
  public static final Duration DEFAULT_RETRY_MAX = Duration.ofSeconds(30);
  /** How long {@link #close()} waits for the supervisor to notice. UNIT: milliseconds. */
  static final long SUPERVISOR_STOP_MILLIS = 15_000;
  static final String HELP_HEADER = "I forward alerts from monitoring systems. Commands:";
  private static final System.Logger LOG = System.getLogger(NotifierBot.class.getName());
  private static final int UNAUTHORIZED = 401;
  private static final int FORBIDDEN = 403;
  private static final int SERVER_ERRORS = 500;

  private final NotifierConfig config;
  private final NotifierService service;
  private final DaemonClients clients;
  private final ConnectionWatcher watcher;
  private final Duration retryMin;
  private final Duration retryMax;
  private final Object lock = new Object();
  private final Thread supervisor;
  private Session session;
  private long generation;
  private ParleyException streamFailure;
  private ParleyException failure;
  private boolean closed;
  private volatile boolean streamDown;

  /** A started bot and watcher, which stop together. */
  private record Session(Bot bot, Subscription watcher) {
    void stop() {
      bot.stop();
      watcher.close();
    }
  }

  private NotifierBot(NotifierConfig config, NotifierService service, DaemonClients clients,
      Duration retryMin, Duration retryMax) {
    this.config = config;
    this.service = service;
    this.clients = clients;
    this.watcher = new ConnectionWatcher(service, clients);
    this.retryMin = retryMin;
    this.retryMax = retryMax;
    this.supervisor = new Thread(this::supervise, "notifier-daemon");
    this.supervisor.setDaemon(true);
  }

  /** {@link #start(NotifierConfig, Clock, Duration, Duration)} with the default backoff. */
  public static NotifierBot start(NotifierConfig config, Clock clock)
      throws IOException, StoreException, InterruptedException {
    return start(config, clock, DEFAULT_RETRY_MIN, DEFAULT_RETRY_MAX);
  }

  /**
   * Starts the service, then the bot; a daemon that does not answer, answers 5xx or refuses the
   * token is tried again with backoff until it takes the bot (logged at each try).
   *
   * @throws IOException the data directory or notify token cannot be used
   * @throws StoreException the bot's database cannot be opened
   * @throws ParleyException the daemon refuses the set-up for a reason a retry cannot fix
   * @throws RuntimeException from Undertow when the listen address cannot be bound
   */
  public static NotifierBot start(NotifierConfig config, Clock clock, Duration retryMin,
      Duration retryMax) throws IOException, StoreException, InterruptedException {
    if (retryMin.isNegative() || retryMin.isZero() || retryMax.compareTo(retryMin) < 0) {
      throw new IllegalArgumentException("need 0 < retryMin <= retryMax");
    }
    DaemonClients clients = new DaemonClients(config);
    NotifierService service = NotifierService.start(config, new SdkChatGateway(clients::current),
        clock);
    NotifierBot nb = new NotifierBot(config, service, clients, retryMin, retryMax);
    try {
      nb.connect();
    } catch (RuntimeException | InterruptedException e) {
      service.close();
      throw e;
    }
    nb.supervisor.start();
    return nb;
  }

  /** The contact address subscribers connect to. */
  public Optional<ContactAddress> contactAddress() {
    synchronized (lock) {
      return session == null ? Optional.empty() : session.bot().contactAddress();
    }
  }

  /** The receiver's bound port. */
  public int receiverPort() {
    return service.receiverPort();
  }

  /**
   * Blocks until the bot stops: {@link #close()} was called, or the daemon refused it for a
   * reason retrying cannot fix.
   */
  public void awaitStopped() throws InterruptedException {
    synchronized (lock) {
      while (!closed && failure == null) {
        lock.wait();
      }
    }
  }

  /** The failure that stopped the bot, if one did. */
  public Optional<ParleyException> failure() {
    synchronized (lock) {
      return Optional.ofNullable(failure);
    }
  }

  /** Stops reading commands, then stops the receiver and closes the database. */
  @Override
  public void close() {
    synchronized (lock) {
      closed = true;
      lock.notifyAll();
    }
    try {
      supervisor.join(SUPERVISOR_STOP_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    Session s;
    synchronized (lock) {
      s = session;
      session = null;
    }
    if (s != null) {
      s.stop();
    }
    service.close();
  }

  static List<String> words(String args) {
    String t = args == null ? "" : args.strip();
    return t.isEmpty() ? List.of() : Arrays.asList(t.split("\\s+"));
  }

  /** Restarts the session each time the daemon ends an event stream for good. */
  private void supervise() {
    while (true) {
      ParleyException f;
      Session old;
      synchronized (lock) {
        while (!closed && streamFailure == null) {
          try {
            lock.wait();
          } catch (InterruptedException e) {
            return;
          }
        }
        if (closed) {
          return;
        }
        f = streamFailure;
        streamFailure = null;
        old = session;
        session = null;
      }
      if (old != null) {
        old.stop();
      }
      if (!worthRetrying(f)) {
        LOG.log(Level.ERROR, "the daemon ended the event stream for good: " + describe(f));
        stopWith(f);
        return;
      }
      LOG.log(Level.WARNING, "the daemon ended the event stream: " + describe(f)
          + hint(f) + "; starting again");
      try {
        connect();
      } catch (ParleyException e) {
        LOG.log(Level.ERROR, "the daemon refuses the bot for good: " + describe(e));
        stopWith(e);
        return;
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private void stopWith(ParleyException f) {
    synchronized (lock) {
      failure = f;
      lock.notifyAll();
    }
  }

  /** Starts a session, trying again with backoff while the failure is one that may pass. */
  private void connect() throws InterruptedException {
    Duration delay = retryMin;
    while (true) {
      try {
        Session s = openSession();
        synchronized (lock) {
          if (closed) {
            s.stop();
            return;
          }
          session = s;
        }
        LOG.log(Level.INFO, "connected to the daemon at " + config.api());
        return;
      } catch (ParleyException e) {
        if (!worthRetrying(e)) {
          throw e;
        }
        LOG.log(Level.WARNING, "cannot start the bot on the daemon at " + config.api() + ": "
            + describe(e) + hint(e) + "; retrying in " + delay.toMillis() + " ms");
      }
      synchronized (lock) {
        long until = System.nanoTime() + delay.toNanos();
        long left;
        while (!closed && (left = until - System.nanoTime()) > 0) {
          lock.wait(Math.max(1, left / 1_000_000));
        }
        if (closed) {
          return;
        }
      }
      clients.renew();
      delay = delay.multipliedBy(2).compareTo(retryMax) > 0 ? retryMax : delay.multipliedBy(2);
    }
  }

  private Session openSession() {
    long gen;
    synchronized (lock) {
      gen = ++generation;
    }
    SubscriptionListener listener = listener(gen);
    ParleyClient client = clients.current();
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
        .subscription(o -> o.listener(listener))
        .build();
    bot.start();
    try {
      Subscription w = client.subscribe(SubscriptionOptions.builder().fromLatest()
          .skipExpired(true).consumer(ConnectionWatcher.CONSUMER_NAME)
          .types(Set.of(EventTypes.MESSAGE_STATUS, EventTypes.CONNECTION_DELETED))
          .listener(listener).build(), watcher::handle);
      return new Session(bot, w);
    } catch (RuntimeException e) {
      bot.stop();
      throw e;
    }
  }

  /** Logs the event streams' drops once each, and reports a final failure of this session. */
  private SubscriptionListener listener(long gen) {
    return new SubscriptionListener() {
      @Override
      public void onConnected(Transport transport, long cursor) {
        if (streamDown) {
          streamDown = false;
          LOG.log(Level.INFO, "reading the daemon's events again");
        }
      }

      @Override
      public void onDisconnected(ParleyException cause, long retryInMillis) {
        if (!streamDown) {
          streamDown = true;
          LOG.log(Level.WARNING, "lost the daemon's event stream: " + describe(cause)
              + "; retrying in " + retryInMillis + " ms and after that with backoff");
        }
      }

      @Override
      public void onStopped(ParleyException f) {
        if (f == null) {
          return;
        }
        synchronized (lock) {
          if (gen == generation && streamFailure == null) {
            streamFailure = f;
            lock.notifyAll();
          }
        }
      }
    };
  }

  /**
   * Whether the daemon may take the bot later without anything else changing: no answer, 5xx,
   * 429, or a refused token (while the daemon restarts, or until the token file is replaced).
   */
  static boolean worthRetrying(ParleyException e) {
    return e.status() == ParleyException.NO_STATUS || e.isRetryable()
        || e.status() >= SERVER_ERRORS || e.status() == UNAUTHORIZED || e.status() == FORBIDDEN
        || ParleyException.BAD_RESPONSE.equals(e.code());
  }

  private static String hint(ParleyException e) {
    return e.status() == UNAUTHORIZED || e.status() == FORBIDDEN
        ? " (the daemon refused the API token: it may be restarting, or the token was replaced;"
            + " the token file is read again before the next try)" : "";
  }

  /** Status and error code only: never a token or a text. */
  static String describe(ParleyException e) {
    return (e.status() == ParleyException.NO_STATUS ? "no answer" : "HTTP " + e.status())
        + " (" + e.code() + ")";
  }
}

package io.parley.daemon.api;

import io.parley.agent.Agent;
import io.parley.agent.error.AgentException;
import io.parley.daemon.api.events.Cursors;
import io.parley.daemon.api.events.EventHub;
import io.parley.daemon.api.events.LongPoll;
import io.parley.daemon.api.events.RetentionJob;
import io.parley.daemon.api.events.SseEvents;
import io.parley.daemon.api.events.StreamLimiter;
import io.parley.daemon.api.events.WebSocketEvents;
import io.parley.daemon.api.http.ApiListener;
import io.parley.daemon.api.http.ErrorEnvelopeHandler;
import io.parley.daemon.api.http.RequestCounter;
import io.parley.daemon.api.http.Routes;
import io.parley.daemon.api.resources.AddressResource;
import io.parley.daemon.api.resources.ConnectionResource;
import io.parley.daemon.api.resources.ConsoleResource;
import io.parley.daemon.api.resources.ConsumerResource;
import io.parley.daemon.api.resources.EventResource;
import io.parley.daemon.api.resources.HealthResource;
import io.parley.daemon.api.resources.InfoResource;
import io.parley.daemon.api.resources.InvitationResource;
import io.parley.daemon.api.resources.MessageResource;
import io.parley.daemon.api.resources.MetricsResource;
import io.parley.daemon.api.resources.OpenApiResource;
import io.parley.daemon.api.resources.ProfileResource;
import io.parley.daemon.api.resources.RelayTracker;
import io.parley.daemon.api.resources.RekeyResource;
import io.parley.daemon.api.resources.RelayResource;
import io.parley.daemon.api.resources.RequestResource;
import io.parley.daemon.api.resources.TokenResource;
import io.parley.daemon.api.resources.WebhookResource;
import io.parley.daemon.api.security.AllowedHosts;
import io.parley.daemon.api.security.ConsoleSessions;
import io.parley.daemon.api.security.SignInLinks;
import io.parley.daemon.api.http.HostFilter;
import io.parley.daemon.api.http.OriginFilter;
import io.parley.daemon.api.security.TokenFile;
import io.parley.daemon.api.security.Tokens;
import io.parley.agent.store.StoreException;
import io.parley.daemon.store.api.ApiStore;
import io.parley.daemon.api.webhooks.WebhookDispatcher;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The daemon's local API (docs/api.md): REST, long-poll, WebSocket and SSE on one Undertow
 * listener, loopback by default, every request behind Host pinning, Origin refusal and (except
 * health and the OpenAPI document) a bearer token. Also runs the webhook deliveries and the
 * event retention job.
 *
 * <p>Start it after the agent, close it before the agent. Thread-safe.
 */
public final class ApiServer implements AutoCloseable {
  /** Threads delivering events to streams, long-polls and webhooks. */
  static final int EVENT_THREADS = 2;
  /** Largest request head. UNIT: bytes. */
  static final int MAX_HEADER_BYTES = 16 * 1024;
  /**
   * Undertow's own body cap sits this far above the API's limit: the API answers an oversized
   * body with a 413 envelope first, while Undertow's cap, which drops the connection without a
   * word, still bounds bodies nobody reads. UNIT: bytes.
   */
  static final long ENTITY_SLACK_BYTES = 64 * 1024;
  private static final System.Logger LOG = System.getLogger(ApiServer.class.getName());

  private final ApiListener server;
  private final int port;
  private final Agent agent;
  private final EventHub hub;
  private final RelayTracker relays;
  private final ApiStore store;
  private final ScheduledExecutorService executor;
  private final WebhookDispatcher webhooks;
  private final RetentionJob retention;
  private final Path tokenFile;
  private final MetricsResource metrics;
  private final ConsoleResource console;
  private final String hostPort;
  private boolean closed;

  private ApiServer(ApiListener server, int port, Agent agent, EventHub hub, RelayTracker relays,
      ApiStore store, ScheduledExecutorService executor, WebhookDispatcher webhooks,
      RetentionJob retention, Path tokenFile, MetricsResource metrics, ConsoleResource console,
      String hostPort) {
    this.server = server;
    this.port = port;
    this.agent = agent;
    this.hub = hub;
    this.relays = relays;
    this.store = store;
    this.executor = executor;
    this.webhooks = webhooks;
    this.retention = retention;
    this.tokenFile = tokenFile;
    this.metrics = metrics;
    this.console = console;
    this.hostPort = hostPort;
  }

  /**
   * Starts the API for a running agent, on the agent's own database: the API's writes are units
   * of the agent's group commit. This is what {@code parleyd} calls after {@code Agent.start};
   * close the API before the agent.
   *
   * @throws ApiStartException if the token file, the store or the port is unusable
   */
  public static ApiServer start(ApiConfig config, Agent agent) throws ApiStartException {
    if (config.exposed()) {
      LOG.log(Level.WARNING, "the API listens on a non-loopback address; every request still "
          + "needs the token, but it crosses the network in clear text: put TLS in front");
    }
    String rootToken;
    try {
      rootToken = TokenFile.loadOrCreate(config.dataDir());
    } catch (IOException e) {
      throw new ApiStartException("cannot create or read the API token file: "
          + e.getMessage(), e);
    }
    ApiStore store;
    try {
      store = ApiStore.open(agent.extendStore(ApiStore.SCHEMA), config.clock(),
          config.storeBusyTimeoutMillis());
    } catch (AgentException e) {
      throw new ApiStartException("cannot open the API tables: " + e.getMessage(), e);
    }
    ScheduledExecutorService executor = eventThreads();
    EventHub hub = null;
    RelayTracker relays = new RelayTracker();
    WebhookDispatcher webhooks = null;
    RetentionJob retention = null;
    MetricsResource metrics = null;
    try {
      Tokens tokens = Tokens.load(rootToken, store);
      hub = EventHub.start(agent, EventHub.DEFAULT_RING_CAPACITY);
      agent.addEventListener(relays);
      relays.seed(agent.relays(), config.clock().instant());
      Cursors cursors = new Cursors(hub, store);
      StreamLimiter limiter = new StreamLimiter(config.maxStreams());
      webhooks = WebhookDispatcher.start(store, agent.stats(), hub, executor,
          config.webhooks());
      retention = RetentionJob.start(agent, hub, config.clock(), config.retentionMillis(),
          executor, config.retentionIntervalMillis());

      ConsoleSessions sessions = new ConsoleSessions(config.clock());
      Routes routes = new Routes(tokens, sessions, config.maxBodyBytes(),
          config.bodyTimeoutMillis());
      HostsHolder hosts = new HostsHolder();
      RequestCounter counter = new RequestCounter(new ErrorEnvelopeHandler(
          new HostFilter(hosts::get, new OriginFilter(hosts::get, routes.handler()))));
      new HealthResource(agent).register(routes);
      new InfoResource(config.version(), config.retentionMillis(), agent, hub, relays)
          .register(routes);
      metrics = new MetricsResource(agent, hub, limiter, webhooks, counter, config.clock());
      metrics.register(routes);
      OpenApiResource.load().register(routes);
      new InvitationResource(agent).register(routes);
      new ConnectionResource(agent, store).register(routes);
      ConsoleResource console = new ConsoleResource(tokens, sessions,
          new SignInLinks(config.clock()), agent, rootToken);
      console.register(routes);
      new RekeyResource(agent).register(routes);
      new MessageResource(agent).register(routes);
      new AddressResource(agent).register(routes);
      new RequestResource(agent).register(routes);
      new RelayResource(agent).register(routes);
      new EventResource(
          new LongPoll(hub, cursors, limiter, executor, config.maxWaitSeconds()),
          new WebSocketEvents(hub, cursors, store, limiter, executor,
              config.maxWebSocketMessageBytes(), config.webSocketPingMillis()),
          new SseEvents(hub, cursors, limiter, executor, config.sseKeepAliveMillis()))
          .register(routes);
      new ConsumerResource(store, hub).register(routes);
      new WebhookResource(webhooks, cursors).register(routes);
      new TokenResource(tokens).register(routes);
      new ProfileResource(agent, tokens, store, webhooks).register(routes);

      ApiListener server = ApiListener.start(listenerSettings(config), counter);
      int port = server.port();
      hosts.set(AllowedHosts.of(config.bindAddress(), port, config.extraHosts()));
      sessions.listeningOn(port);
      return new ApiServer(server, port, agent, hub, relays, store, executor, webhooks, retention,
          config.dataDir().resolve(TokenFile.FILE_NAME), metrics, console,
          hostPort(config.bindAddress(), port));
    } catch (StoreException | IOException | RuntimeException e) {
      agent.removeEventListener(relays);
      if (metrics != null) {
        metrics.close();
      }
      if (hub != null) {
        hub.close();
      }
      if (retention != null) {
        retention.close();
      }
      if (webhooks != null) {
        webhooks.close();
      }
      executor.shutdownNow();
      store.close();
      throw new ApiStartException("cannot start the API on " + config.bindAddress()
          .getHostAddress() + ":" + config.port() + ": " + e.getMessage(), e);
    }
  }

  private static ApiListener.Settings listenerSettings(ApiConfig config) {
    return new ApiListener.Settings(config.bindAddress(), config.port(),
        Math.max(2, Runtime.getRuntime().availableProcessors()), config.workerThreads(),
        config.headerParseTimeoutMillis(), config.idleTimeoutMillis(), MAX_HEADER_BYTES,
        config.maxBodyBytes() + ENTITY_SLACK_BYTES, config.maxConnections(),
        config.maxConnectionsPerClient());
  }

  private static ScheduledExecutorService eventThreads() {
    AtomicInteger n = new AtomicInteger();
    ScheduledThreadPoolExecutor ex = new ScheduledThreadPoolExecutor(EVENT_THREADS, r -> {
      Thread t = new Thread(r, "parley-api-events-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    ex.setRemoveOnCancelPolicy(true);
    return ex;
  }

  /** The port the API listens on. */
  public int port() {
    return port;
  }

  /**
   * A new one-time owner sign-in URL for the web console (docs/console.md), usable once within
   * {@link SignInLinks#LINK_LIFETIME}. A secret: print it to the terminal, never to a log.
   */
  public String consoleSignInUrl() {
    return (String) console.link(hostPort).get("url");
  }

  /** The console's address, such as {@code http://127.0.0.1:8484/}. */
  public String consoleUrl() {
    return "http://" + hostPort + "/";
  }

  private static String hostPort(InetAddress bind, int port) {
    InetAddress shown = bind.isAnyLocalAddress() ? InetAddress.getLoopbackAddress() : bind;
    String host = shown.getHostAddress();
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }

  /** The root token's file ({@code <data>/api.token}). */
  public Path tokenFile() {
    return tokenFile;
  }

  /**
   * Stops listening (closing open streams), detaches from the agent's events, stops webhook
   * deliveries and retention, and closes the API's read connection. The agent, and its
   * database, keep running. Idempotent.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    server.close();
    hub.close();
    agent.removeEventListener(relays);
    webhooks.close();
    retention.close();
    metrics.close();
    executor.shutdownNow();
    store.close();
  }

  /** The allowed hosts, known once the listener has its port; until then nothing is allowed. */
  private static final class HostsHolder {
    private volatile AllowedHosts hosts = AllowedHosts.of(
        InetAddress.getLoopbackAddress(), -1, List.of());

    AllowedHosts get() {
      return hosts;
    }

    void set(AllowedHosts h) {
      hosts = h;
    }
  }
}

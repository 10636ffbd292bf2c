package io.parley.daemon.cli;

import io.parley.agent.error.AgentException;
import io.parley.daemon.api.ApiConfig;
import io.parley.daemon.api.ApiServer;
import io.parley.daemon.api.ApiStartException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;

import io.parley.agent.Agent;
import io.parley.agent.AgentConfig;
import io.parley.daemon.config.DaemonConfig;
import io.parley.protocol.transport.RelayAddress;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One started daemon: the data directory lock, the embedded relay (when no relay is configured)
 * and the agent using it. {@link #stop} takes them down in the reverse order: the agent first,
 * so it finishes the commands it has in flight while its relay still answers.
 *
 * <p>Thread-safe; {@link #stop} runs once, later calls return its first result.
 */
public final class RunningDaemon {
  private static final System.Logger LOG = System.getLogger(RunningDaemon.class.getName());

  private final DaemonConfig config;
  private final DataDirLock lock;
  private final EmbeddedRelay embeddedRelay;
  private final List<RelayAddress> relays;
  private final Agent agent;
  private final ApiServer api;
  private Boolean stopped;

  private RunningDaemon(DaemonConfig config, DataDirLock lock, EmbeddedRelay embeddedRelay,
      List<RelayAddress> relays, Agent agent, ApiServer api) {
    this.config = config;
    this.lock = lock;
    this.embeddedRelay = embeddedRelay;
    this.relays = relays;
    this.agent = agent;
    this.api = api;
  }

  /**
   * Locks the data directory, starts the embedded relay if no relay is configured, then the
   * agent. On failure everything already started is stopped again.
   *
   * @throws StartupException naming what failed
   */
  public static RunningDaemon start(DaemonConfig config) throws StartupException {
    DataDirLock lock = DataDirLock.acquire(config.dataDir());
    EmbeddedRelay relay = null;
    try {
      List<RelayAddress> relays = config.relays();
      if (config.embeddedRelay()) {
        relay = startEmbeddedRelay(config);
        relays = List.of(relay.address());
      }
      Agent agent = startAgent(config, relays);
      ApiServer api;
      try {
        api = startApi(config, agent);
      } catch (StartupException | RuntimeException e) {
        agent.close();
        throw e;
      }
      return new RunningDaemon(config, lock, relay, relays, agent, api);
    } catch (StartupException | RuntimeException e) {
      if (relay != null) {
        relay.close();
      }
      lock.close();
      throw e;
    }
  }

  private static EmbeddedRelay startEmbeddedRelay(DaemonConfig config) throws StartupException {
    try {
      return EmbeddedRelay.start(config.dataDir(), config.embeddedRelayPort());
    } catch (IOException e) {
      throw new StartupException(e.getMessage(), e);
    }
  }

  private static Agent startAgent(DaemonConfig config, List<RelayAddress> relays)
      throws StartupException {
    try {
      return Agent.start(AgentConfig.of(config.dataDir(), relays, config.profileName())
          .withRedundancy(config.redundancy())
          .withRotationIntervalMillis(config.rotationIntervalMillis())
          .withPostQuantum(config.postQuantum()));
    } catch (AgentException e) {
      throw new StartupException("the agent cannot start: " + e.getMessage(), e);
    }
  }

  private static ApiServer startApi(DaemonConfig config, Agent agent) throws StartupException {
    try {
      return ApiServer.start(ApiConfig.builder(config.dataDir())
          .port(config.apiPort())
          .bindAddress(InetAddress.getByName(config.apiBind()))
          .extraHosts(config.apiHosts())
          .build(), agent);
    } catch (UnknownHostException e) {
      throw new StartupException("the API bind address does not resolve", e);
    } catch (ApiStartException e) {
      throw new StartupException("the local API cannot start: " + e.getMessage(), e);
    }
  }

  /** The local API's actual port. */
  public int apiPort() {
    return api.port();
  }

  /** The web console's address (not secret). */
  public String consoleUrl() {
    return api.consoleUrl();
  }

  /** A new one-time console sign-in URL (a secret: for the terminal, not the log). */
  public String consoleSignInUrl() {
    return api.consoleSignInUrl();
  }

  /** The file holding the local API's admin token (never printed). */
  public Path apiTokenFile() {
    return api.tokenFile();
  }

  /** The settings the daemon runs with. */
  public DaemonConfig config() {
    return config;
  }

  /** Relays the agent creates its queues on (the embedded one when none is configured). */
  public List<RelayAddress> relays() {
    return relays;
  }

  /** The embedded relay's loopback port, when it runs. */
  public Optional<Integer> embeddedRelayPort() {
    return embeddedRelay == null ? Optional.empty() : Optional.of(embeddedRelay.port());
  }

  /** The running agent, for the local API and in-process tests. */
  public Agent agent() {
    return agent;
  }

  /**
   * Closes the agent, then the embedded relay, then releases the data directory, waiting at
   * most {@link DaemonConfig#shutdownTimeoutMillis()} for the first two.
   *
   * @return true if everything closed within the deadline and without error
   */
  public synchronized boolean stop() {
    if (stopped != null) {
      return stopped;
    }
    CompletableFuture<Void> drain = CompletableFuture.runAsync(() -> {
      // The API first: no new work arrives while the agent drains what it has.
      api.close();
      agent.close();
      if (embeddedRelay != null) {
        embeddedRelay.close();
      }
    }, runnable -> {
      Thread t = new Thread(runnable, "parleyd-drain");
      t.setDaemon(true);
      t.start();
    });
    boolean clean;
    try {
      drain.get(config.shutdownTimeoutMillis(), TimeUnit.MILLISECONDS);
      clean = true;
    } catch (TimeoutException e) {
      LOG.log(Level.WARNING, "shutdown did not finish within "
          + config.shutdownTimeoutMillis() + " ms; exiting anyway");
      clean = false;
    } catch (ExecutionException e) {
      LOG.log(Level.WARNING, "shutdown failed: " + e.getCause());
      clean = false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      clean = false;
    }
    lock.close();
    stopped = clean;
    return clean;
  }
}

package io.parley.agent.internal.client;

import io.parley.agent.model.RelayClientConfig;
import io.netty.channel.EventLoop;
import io.parley.protocol.transport.RelayAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import io.parley.transport.tls.NettyTls;

/**
 * Keeps one relay connected: runs connection attempts, reconnects after a back-off when a
 * session ends or an attempt fails, and routes commands. A command goes to the live session;
 * while an attempt is under way it waits (in order) for that attempt's session; while the
 * client backs off it fails at once with a retryable {@link RelayUnavailableException}.
 * Each session, from the start of the attempt that sets it up to its end, is named by a token
 * ({@link #session()}), so a caller can send a command to one session only. Thread-safe;
 * attempts and timers run on one event loop.
 */
final class ConnectionSupervisor implements ConnectAttempt.Outcome {
  /** Session changes, called on the event loop; implementations must hand off slow work. */
  interface Listener {
    void up(RelayConnection connection);

    void down(Throwable cause);
  }

  /** Names whichever session is current when the command is dispatched. */
  static final Object ANY_SESSION = new Object();

  private final RelayAddress address;
  private final NettyTls tls;
  private final EventLoop loop;
  private final RelayClientConfig config;
  /** Runs blocking name lookups. */
  private final Executor executor;
  /** Completes command futures, in order (the client's serial completion queue). */
  private final Executor completions;
  private final RelayConnection.Events events;
  private final Listener listener;
  private final Backoff backoff;
  // Guarded by this.
  private final ArrayDeque<OutboundCommand> waiting = new ArrayDeque<>();
  private ConnectAttempt attempt;
  /** The session being set up or live; null while backing off and once closed. */
  private Object session;
  private RelayConnection current;
  private Throwable lastCause;
  private ScheduledFuture<?> retry;
  private boolean connecting;
  private boolean closed;

  ConnectionSupervisor(RelayAddress address, NettyTls tls, EventLoop loop,
      RelayClientConfig config, Executor executor, Executor completions,
      RelayConnection.Events events, Listener listener, Backoff backoff) {
    this.address = address;
    this.tls = tls;
    this.loop = loop;
    this.config = config;
    this.executor = executor;
    this.completions = completions;
    this.events = events;
    this.listener = listener;
    this.backoff = backoff;
  }

  /** Starts the first attempt; commands sent before it completes wait for it. */
  void start() {
    synchronized (this) {
      connecting = true;
      session = new Object();
    }
    loop.execute(this::connect);
  }

  /**
   * The token of the session being set up or live, or null while the client backs off or once
   * it is closed. A new token per connection attempt.
   */
  synchronized Object session() {
    return session;
  }

  /**
   * Sends commands that should share blocks on the live session, queues them for the coming
   * one, or fails them; with a token other than {@link #ANY_SESSION}, only on that session
   * (they fail if it has ended).
   */
  void dispatchTo(Object token, List<OutboundCommand> commands) {
    RelayConnection target;
    boolean isClosed;
    boolean ended;
    Throwable cause;
    synchronized (this) {
      ended = token != ANY_SESSION && (token == null || token != session);
      if (current != null && !closed && !ended) {
        target = current;
      } else if (connecting && !closed && !ended) {
        waiting.addAll(commands);
        return;
      } else {
        target = null;
      }
      isClosed = closed;
      cause = lastCause;
    }
    if (target != null) {
      target.submitAll(commands);
      return;
    }
    for (OutboundCommand c : commands) {
      Completions.fail(completions, c.result(), failure(isClosed, ended && token != null, cause));
    }
  }

  private static RelayUnavailableException failure(boolean isClosed, boolean ended,
      Throwable cause) {
    if (isClosed) {
      return new RelayUnavailableException("relay client is closed");
    }
    return ended ? new RelayUnavailableException("relay session ended", cause)
        : new RelayUnavailableException("relay is unreachable; reconnecting", cause);
  }

  synchronized boolean isUp() {
    return current != null;
  }

  synchronized boolean isClosed() {
    return closed;
  }

  private void connect() {
    ConnectAttempt a;
    synchronized (this) {
      if (closed) {
        return;
      }
      connecting = true;
      if (session == null) {
        session = new Object();
      }
      a = new ConnectAttempt(address, tls, loop, config, executor, completions,
          events, this);
      attempt = a;
    }
    a.start();
  }

  @Override
  public void sessionUp(ConnectAttempt a, RelayConnection connection) {
    synchronized (this) {
      if (a != attempt || closed) {
        return;
      }
      current = connection;
      connecting = false;
      lastCause = null;
      backoff.reset();
      // Under the lock, so a command dispatched after this one cannot overtake the backlog.
      connection.submitAll(new ArrayList<>(waiting));
      waiting.clear();
    }
    listener.up(connection);
  }

  @Override
  public void ended(ConnectAttempt a, Throwable cause) {
    List<OutboundCommand> stranded;
    boolean notify;
    synchronized (this) {
      if (a != attempt) {
        return;
      }
      attempt = null;
      session = null;
      current = null;
      connecting = false;
      lastCause = cause;
      stranded = new ArrayList<>(waiting);
      waiting.clear();
      notify = !closed;
      if (!closed) {
        retry = loop.schedule(this::connect, backoff.nextDelayMillis(), TimeUnit.MILLISECONDS);
      }
    }
    for (OutboundCommand c : stranded) {
      Completions.fail(completions, c.result(),
          new RelayUnavailableException("could not connect to relay", cause));
    }
    if (notify) {
      listener.down(cause);
    }
  }

  /** Stops reconnecting and ends the session; pending and waiting commands fail. */
  void close() {
    ConnectAttempt a;
    List<OutboundCommand> stranded;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      session = null;
      a = attempt;
      if (retry != null) {
        retry.cancel(false);
      }
      stranded = new ArrayList<>(waiting);
      waiting.clear();
    }
    for (OutboundCommand c : stranded) {
      Completions.fail(completions, c.result(),
          new RelayUnavailableException("relay client is closed"));
    }
    if (a != null) {
      a.cancel(new RelayUnavailableException("relay client is closed"));
    }
  }
}

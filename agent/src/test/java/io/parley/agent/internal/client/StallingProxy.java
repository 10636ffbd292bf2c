package io.parley.agent.internal.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback TCP forwarder to a relay that can stop passing bytes ({@link #stall}), as a relay
 * that hangs or a network that black-holes, and cut every connection ({@link #cutAll}), as a
 * relay that vanishes. TLS runs end to end through it. Thread-safe.
 */
public final class StallingProxy implements AutoCloseable {
  private static final int BUFFER_BYTES = 32 * 1024;

  private final ServerSocket server;
  private final int targetPort;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  /** Bytes forwarded from clients to the relay, TLS records included. */
  final AtomicLong bytesToRelay = new AtomicLong();
  private boolean stalled;
  /** Whether bytes from the relay to its clients are held (its answers, not its reading). */
  private boolean answersHeld;

  /** Extra latency per chunk forwarded, to make a slow relay. UNIT: milliseconds. */
  private volatile long delayMillis;

  public StallingProxy(int targetPort) throws IOException {
    this.targetPort = targetPort;
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread accept = new Thread(this::acceptLoop, "stalling-proxy-accept");
    accept.setDaemon(true);
    accept.start();
  }

  public int port() {
    return server.getLocalPort();
  }

  /** Holds every byte in both directions (new connections too) until {@link #resume}. */
  public synchronized void stall() {
    stalled = true;
  }

  public synchronized void resume() {
    stalled = false;
    notifyAll();
  }

  /**
   * Holds the relay's bytes to its clients until {@link #releaseAnswers}, while theirs still
   * reach it: a relay that takes every command and answers late.
   */
  public synchronized void holdAnswers() {
    answersHeld = true;
  }

  public synchronized void releaseAnswers() {
    answersHeld = false;
    notifyAll();
  }

  /**
   * Delays every chunk by {@code millis} before passing it on (0: none), as a relay or a link
   * that is slow: simulated latency, not a wait for anything.
   */
  public void slowDown(long millis) {
    delayMillis = millis;
  }

  /** Closes every proxied connection, as if the relay's host went away. */
  public void cutAll() {
    for (Socket s : sockets) {
      closeQuietly(s);
    }
    sockets.clear();
  }

  @Override
  public void close() {
    closeQuietly(server);
    cutAll();
    resume();
    releaseAnswers();
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      Socket client;
      try {
        client = server.accept();
      } catch (IOException e) {
        return; // closed
      }
      try {
        Socket relay = new Socket(InetAddress.getLoopbackAddress(), targetPort);
        sockets.add(client);
        sockets.add(relay);
        pump(client, relay, bytesToRelay, false);
        pump(relay, client, new AtomicLong(), true);
      } catch (IOException e) {
        // The relay is down: the client sees its connection drop, as it would without us.
        closeQuietly(client);
      }
    }
  }

  private void pump(Socket from, Socket to, AtomicLong counter, boolean answers) {
    Thread t = new Thread(() -> {
      byte[] buf = new byte[BUFFER_BYTES];
      try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
        for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
          awaitFlowing(answers);
          long delay = delayMillis;
          if (delay > 0) {
            // The slow relay under test (slowDown), not synchronisation.
            Thread.sleep(delay);
          }
          out.write(buf, 0, n);
          out.flush();
          counter.addAndGet(n);
        }
      } catch (IOException | InterruptedException e) {
        // The other side closed or the test cut the connection.
      } finally {
        closeQuietly(from);
        closeQuietly(to);
      }
    }, "stalling-proxy-pump");
    t.setDaemon(true);
    t.start();
  }

  private synchronized void awaitFlowing(boolean answers) throws InterruptedException {
    while (stalled || answers && answersHeld) {
      wait();
    }
  }

  private static void closeQuietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception e) {
      // Already closed.
    }
  }
}

package io.parley.agent.internal.client;

import io.parley.protocol.transport.Tls;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import javax.net.ssl.SSLException;

/**
 * Why a relay connection went down, in words an operator reads in a {@code relay.down} event
 * or the log, not a Java class name. The cause and its causes are searched for the first kind
 * known here. Stateless.
 */
public final class RelayDownReason {
  /** Causes followed at most, so a cyclic chain cannot loop. */
  private static final int MAX_CAUSES = 8;
  /** Longest detail kept from an unknown failure's message. UNIT: characters. */
  private static final int MAX_DETAIL_CHARS = 120;

  private RelayDownReason() {}

  /** The reason for {@code cause}, which may be null (the connection was closed). */
  public static String of(Throwable cause) {
    if (cause == null) {
      return "connection closed";
    }
    if (Tls.isIdentityMismatch(cause)) {
      return "relay identity does not match the key hash in its address";
    }
    Throwable t = cause;
    for (int i = 0; t != null && i < MAX_CAUSES; i++, t = t.getCause()) {
      String known = known(t);
      if (known != null) {
        return known;
      }
    }
    String detail = cause.getMessage();
    if (detail == null || detail.isBlank()) {
      return "connection failed";
    }
    detail = detail.lines().findFirst().orElse("").strip();
    return "connection failed: " + (detail.length() > MAX_DETAIL_CHARS
        ? detail.substring(0, MAX_DETAIL_CHARS) + "..." : detail);
  }

  private static String known(Throwable t) {
    if (t instanceof UnknownHostException) {
      return "the relay's host name does not resolve";
    } else if (t instanceof NoRouteToHostException) {
      return "no route to the relay's host";
    } else if (t instanceof ConnectException) {
      // Netty's connect timeout is a ConnectException too; its name says which.
      return t.getClass().getSimpleName().contains("Timeout")
          ? "connecting timed out" : "connection refused";
    } else if (t instanceof SocketTimeoutException
        || t.getClass().getName().equals("io.netty.handler.timeout.ReadTimeoutException")) {
      return "the relay stopped answering (timed out)";
    } else if (t instanceof SSLException) {
      return "TLS handshake with the relay failed";
    } else if (t instanceof ClosedChannelException) {
      return "connection closed";
    } else if (t instanceof java.io.IOException && t.getMessage() != null
        && t.getMessage().toLowerCase(java.util.Locale.ROOT).contains("reset")) {
      return "connection reset";
    }
    return null;
  }
}

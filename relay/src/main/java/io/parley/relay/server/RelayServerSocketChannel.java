package io.parley.relay.server;

import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.internal.SocketUtils;
import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.channels.SocketChannel;
import java.util.List;

/**
 * The listening socket: admits each accepted connection through {@link ConnectionAdmission}
 * on the accept thread, and closes a refused one right there, before it costs a channel, a TLS
 * engine or a place in an event loop's queue.
 *
 * <p>Confined to the accept event loop.
 */
final class RelayServerSocketChannel extends NioServerSocketChannel {
  /**
   * Refused connections closed in one read before the accept loop gets a turn to do other
   * work (and to notice a close of the listener). UNIT: connections.
   */
  static final int MAX_REFUSALS_PER_READ = 64;

  private final ConnectionAdmission admission;

  RelayServerSocketChannel(ConnectionAdmission admission) {
    this.admission = admission;
  }

  @Override
  protected int doReadMessages(List<Object> buf) throws Exception {
    for (int refused = 0; refused < MAX_REFUSALS_PER_READ; refused++) {
      SocketChannel socket = SocketUtils.accept(javaChannel());
      if (socket == null) {
        return 0;
      }
      ConnectionAdmission.Ticket ticket = admission.tryAdmit();
      if (ticket != null) {
        try {
          buf.add(new RelaySocketChannel(this, socket, ticket));
          return 1;
        } catch (RuntimeException e) {
          ticket.closed();
          closeQuietly(socket);
          throw e;
        }
      }
      refuse(socket);
    }
    return 0;
  }

  /**
   * Resets instead of closing gracefully: the relay keeps no TIME_WAIT state for a connection
   * it never served, and the client learns at once that it was refused.
   */
  private static void refuse(SocketChannel socket) {
    try {
      socket.setOption(StandardSocketOptions.SO_LINGER, 0);
    } catch (IOException e) {
      // already reset by the client: closing is all that is left
    }
    closeQuietly(socket);
  }

  private static void closeQuietly(SocketChannel socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // nothing more to release
    }
  }
}

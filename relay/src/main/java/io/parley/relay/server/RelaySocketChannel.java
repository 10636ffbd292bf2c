package io.parley.relay.server;

import io.netty.channel.Channel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.nio.channels.SocketChannel;

/**
 * An accepted client connection that carries its {@link ConnectionAdmission.Ticket} and never
 * shows the client's address: Netty puts {@code toString()} of a channel into its own log
 * lines (at FINE, e.g. every completed TLS handshake), and the relay logs no client addresses.
 */
final class RelaySocketChannel extends NioSocketChannel {
  private final ConnectionAdmission.Ticket ticket;

  RelaySocketChannel(Channel parent, SocketChannel socket, ConnectionAdmission.Ticket ticket) {
    super(parent, socket);
    this.ticket = ticket;
    closeFuture().addListener(f -> ticket.closed());
  }

  ConnectionAdmission.Ticket ticket() {
    return ticket;
  }

  @Override
  public String toString() {
    return "[id: 0x" + id().asShortText() + "]";
  }
}

package io.parley.relay.server;

import io.netty.channel.Channel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.nio.channels.SocketChannel;

/** An accepted client connection that carries its {@link ConnectionAdmission.Ticket}. */
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
}

package io.parley.relay.server;

import io.netty.buffer.ByteBuf;
import io.parley.protocol.ErrorCode;
import io.parley.protocol.ProtocolException;
import io.parley.protocol.command.Command;
import io.parley.protocol.command.Commands;
import io.parley.protocol.command.Response;

/**
 * Turns one received block into commands and runs each in order: block, transmission and
 * command decoding, the credential rules, then the command. Client input can only produce a
 * typed {@code ERR}; a block that does not decode closes the connection. Stateless.
 */
final class Dispatcher {
  private Dispatcher() {}

  static void onBlock(Session s, ByteBuf frame) {
    s.relay().counters().blocksReceived.increment();
    boolean framed = InboundBlock.parse(frame, new InboundBlock.Sink() {
      @Override
      public void transmission(Request r, ByteBuf f, int commandOffset, int commandLength) {
        dispatch(s, r, f, commandOffset, commandLength);
      }

      @Override
      public void undecodable() {
        s.relay().counters().commands.increment();
        s.respondError(Request.undecodable(), ErrorCode.CMD_SYNTAX);
      }
    });
    if (!framed) {
      s.relay().counters().blocksMalformed.increment();
      s.failBlock();
    }
  }

  private static void dispatch(Session s, Request r, ByteBuf frame, int offset, int length) {
    s.relay().counters().commands.increment();
    Command c;
    try {
      c = InboundBlock.command(frame, offset, length);
      Commands.checkCredentials(r.header(), c);
    } catch (ProtocolException e) {
      s.respondError(r, e.code());
      return;
    }
    try {
      execute(s, r, c);
    } catch (RuntimeException e) {
      // A bug must cost one answer, never the relay or the connection.
      s.respondError(r, ErrorCode.INTERNAL);
    }
  }

  private static void execute(Session s, Request r, Command c) {
    if (c instanceof Command.New n) {
      QueueCommands.newQueue(s, r, n);
    } else if (c instanceof Command.Key k) {
      QueueCommands.key(s, r, k);
    } else if (c instanceof Command.SKey k) {
      QueueCommands.senderKey(s, r, k);
    } else if (c instanceof Command.Sub) {
      MessageCommands.subscribe(s, r);
    } else if (c instanceof Command.Ack a) {
      MessageCommands.acknowledge(s, r, a);
    } else if (c instanceof Command.Send send) {
      MessageCommands.send(s, r, send);
    } else if (c instanceof Command.Off) {
      QueueCommands.off(s, r);
    } else if (c instanceof Command.Del) {
      QueueCommands.delete(s, r);
    } else if (c instanceof Command.Ping) {
      s.respond(r, new Response.Pong());
    }
  }
}

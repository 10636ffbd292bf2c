package io.parley.relay.server;

import io.parley.protocol.Block;
import io.parley.protocol.ErrorCode;
import io.parley.protocol.ProtocolException;
import io.parley.protocol.Transmission;
import io.parley.protocol.codec.CodecException;
import io.parley.protocol.command.Command;
import io.parley.protocol.command.Commands;
import io.parley.protocol.command.Response;
import java.util.List;

/**
 * Turns one received block into commands and runs each in order: block, transmission and
 * command decoding, the credential rules, then the command. Client input can only produce a
 * typed {@code ERR}; a block that does not decode closes the connection. Stateless.
 */
final class Dispatcher {
  private static final byte[] EMPTY = new byte[0];
  /** Stands in for a transmission that did not decode, so its error has no ids. */
  private static final Transmission UNDECODABLE = new Transmission(EMPTY, EMPTY, EMPTY, EMPTY);

  private Dispatcher() {}

  static void onBlock(Session s, byte[] block) {
    List<byte[]> transmissions;
    try {
      transmissions = Block.decode(block);
    } catch (CodecException e) {
      s.relay().counters().blocksMalformed.increment();
      s.failBlock();
      return;
    }
    for (byte[] raw : transmissions) {
      dispatch(s, raw);
    }
  }

  private static void dispatch(Session s, byte[] raw) {
    s.relay().counters().commands.increment();
    Transmission t;
    try {
      t = Transmission.decode(raw);
    } catch (CodecException e) {
      s.respondError(UNDECODABLE, ErrorCode.CMD_SYNTAX);
      return;
    }
    Command c;
    try {
      c = Commands.decodeCommand(t.command());
      Commands.checkCredentials(t, c);
    } catch (ProtocolException e) {
      s.respondError(t, e.code());
      return;
    }
    try {
      execute(s, t, c);
    } catch (RuntimeException e) {
      // A bug must cost one answer, never the relay or the connection.
      s.respondError(t, ErrorCode.INTERNAL);
    }
  }

  private static void execute(Session s, Transmission t, Command c) {
    if (c instanceof Command.New n) {
      QueueCommands.newQueue(s, t, n);
    } else if (c instanceof Command.Key k) {
      QueueCommands.key(s, t, k);
    } else if (c instanceof Command.SKey k) {
      QueueCommands.senderKey(s, t, k);
    } else if (c instanceof Command.Sub) {
      MessageCommands.subscribe(s, t);
    } else if (c instanceof Command.Ack a) {
      MessageCommands.acknowledge(s, t, a);
    } else if (c instanceof Command.Send send) {
      MessageCommands.send(s, t, send);
    } else if (c instanceof Command.Off) {
      QueueCommands.off(s, t);
    } else if (c instanceof Command.Del) {
      QueueCommands.delete(s, t);
    } else if (c instanceof Command.Ping) {
      s.respond(t, new Response.Pong());
    }
  }
}

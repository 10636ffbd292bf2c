package io.parley.agent.internal.client;

import io.parley.protocol.ProtocolException;
import io.parley.protocol.ProtocolLimits;
import io.parley.protocol.Transmission;
import io.parley.protocol.command.Command;
import io.parley.protocol.command.Commands;

/**
 * Checks a command before it is sent, so a caller's mistake fails locally with a typed
 * {@link InvalidCommandException} instead of costing a round trip or an encoder exception:
 * key and id lengths, body size, and the credentials the command's party needs. Stateless.
 */
final class CommandChecks {
  private static final byte[] EMPTY = new byte[0];
  private static final byte[] SOME_AUTH = new byte[ProtocolLimits.AUTHENTICATOR_BYTES];

  private CommandChecks() {}

  static void check(byte[] entityId, Command cmd, byte[] authPrivateKey)
      throws InvalidCommandException {
    if (entityId == null || cmd == null) {
      throw new InvalidCommandException("entity id and command are required");
    }
    if (entityId.length != 0 && entityId.length != ProtocolLimits.ID_BYTES) {
      throw new InvalidCommandException("entity id must be empty or "
          + ProtocolLimits.ID_BYTES + " bytes");
    }
    if (authPrivateKey != null) {
      key(authPrivateKey, "authorization private key");
    }
    parameters(cmd);
    Transmission probe = new Transmission(
        authPrivateKey == null ? EMPTY : SOME_AUTH, EMPTY, entityId, EMPTY);
    try {
      Commands.checkCredentials(probe, cmd);
    } catch (ProtocolException e) {
      throw new InvalidCommandException("credentials do not fit the command: " + e.getMessage());
    }
  }

  private static void parameters(Command cmd) throws InvalidCommandException {
    if (cmd instanceof Command.New n) {
      key(n.recipientAuthKey(), "recipient authorization key");
      key(n.recipientDhKey(), "recipient DH key");
      if (n.mode() == null) {
        throw new InvalidCommandException("queue mode is required");
      }
    } else if (cmd instanceof Command.Key k) {
      key(k.senderAuthKey(), "sender authorization key");
    } else if (cmd instanceof Command.SKey k) {
      key(k.senderAuthKey(), "sender authorization key");
    } else if (cmd instanceof Command.Ack a) {
      if (a.msgId() == null || a.msgId().length != ProtocolLimits.ID_BYTES) {
        throw new InvalidCommandException(
            "message id must be " + ProtocolLimits.ID_BYTES + " bytes");
      }
    } else if (cmd instanceof Command.Send s) {
      if (s.body() == null || s.body().length > ProtocolLimits.MAX_MESSAGE_BYTES) {
        throw new InvalidCommandException(
            "message body must be at most " + ProtocolLimits.MAX_MESSAGE_BYTES + " bytes");
      }
    }
  }

  private static void key(byte[] key, String what) throws InvalidCommandException {
    if (key == null || key.length != ProtocolLimits.X25519_KEY_BYTES) {
      throw new InvalidCommandException(
          what + " must be " + ProtocolLimits.X25519_KEY_BYTES + " bytes");
    }
  }
}

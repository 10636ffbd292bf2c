package io.parley.protocol.command;

import io.parley.protocol.ProtocolLimits;

/**
 * Commands a client sends to a relay. Each knows which party authorizes it; the relay checks
 * credentials with {@link Commands#checkCredentials}. Keys are raw 32-byte X25519 public keys.
 */
public sealed interface Command
    permits Command.New, Command.Key, Command.SKey, Command.Sub, Command.Ack, Command.Send,
        Command.Off, Command.Del, Command.Ping {

  Party party();

  /**
   * Create a queue. Authorized by the new recipient key, which proves the client holds it.
   *
   * @param recipientAuthKey key that authorizes every later recipient command
   * @param recipientDhKey key the relay agrees with to encrypt deliveries to the recipient
   * @param subscribe whether this connection subscribes to the new queue at once
   */
  record New(byte[] recipientAuthKey, byte[] recipientDhKey, boolean subscribe, QueueMode mode)
      implements Command {
    @Override
    public Party party() {
      return Party.RECIPIENT;
    }
  }

  /** Recipient sets the sender key (secures the queue). */
  record Key(byte[] senderAuthKey) implements Command {
    @Override
    public Party party() {
      return Party.RECIPIENT;
    }
  }

  /** Sender sets its own key while none is set; authorized by that key. */
  record SKey(byte[] senderAuthKey) implements Command {
    @Override
    public Party party() {
      return Party.SENDER;
    }
  }

  /** Subscribe this connection to the queue; another subscriber gets END. */
  record Sub() implements Command {
    @Override
    public Party party() {
      return Party.RECIPIENT;
    }
  }

  /** Acknowledge (and delete) the delivered message, which lets the next one through. */
  record Ack(byte[] msgId) implements Command {
    @Override
    public Party party() {
      return Party.RECIPIENT;
    }
  }

  /**
   * Append a message to the queue.
   *
   * @param notifyFlag reserved flag carried to the recipient inside the relay's encryption
   * @param body at most {@link ProtocolLimits#MAX_MESSAGE_BYTES}
   */
  record Send(boolean notifyFlag, byte[] body) implements Command {
    @Override
    public Party party() {
      return Party.SENDER;
    }
  }

  /** Suspend the queue: later SENDs get AUTH, the recipient can still drain it. */
  record Off() implements Command {
    @Override
    public Party party() {
      return Party.RECIPIENT;
    }
  }

  /** Delete the queue and all its messages. */
  record Del() implements Command {
    @Override
    public Party party() {
      return Party.RECIPIENT;
    }
  }

  /** Keep-alive. */
  record Ping() implements Command {
    @Override
    public Party party() {
      return Party.NONE;
    }
  }
}

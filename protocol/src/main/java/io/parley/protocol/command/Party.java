package io.parley.protocol.command;

/** Who must authorize a command, and with which queue id it names the queue. */
public enum Party {
  /** Recipient key; entity is the recipient id. */
  RECIPIENT,
  /** Sender key (or none before the queue is secured); entity is the sender id. */
  SENDER,
  /** No key and no entity (PING). */
  NONE
}

package io.parley.agent.model;

import java.util.Locale;

/** Delivery status of an outgoing message (docs/agent.md section 4). */
public enum MessageStatus {
  /** Stored in the outbox, encrypted, waiting for the relay to accept it. */
  QUEUED,
  /** The relay answered OK: the message is durable there. */
  SENT,
  /** The peer's agent stored it (a receipt arrived). */
  DELIVERED,
  /** Given up for good; the reason says why. */
  FAILED;

  /** The API name: queued, sent, delivered, failed. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}

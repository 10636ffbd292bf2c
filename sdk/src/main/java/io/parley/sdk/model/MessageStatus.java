package io.parley.sdk.model;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;

/** Delivery status of an outgoing message. */
public enum MessageStatus {
  /** Stored in the daemon's outbox, waiting for the relay to take it. */
  QUEUED,
  /** The relay holds it durably. */
  SENT,
  /** The peer's daemon stored it (a receipt arrived). */
  DELIVERED,
  /** Given up for good; the failure reason says why. */
  FAILED,
  /** A status this SDK version does not know. */
  @JsonEnumDefaultValue
  UNKNOWN;

  /** Whether the status will not change any more. */
  public boolean isFinal() {
    return this == DELIVERED || this == FAILED;
  }
}

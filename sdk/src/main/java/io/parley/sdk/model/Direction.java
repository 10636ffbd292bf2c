package io.parley.sdk.model;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;

/** Whether a message was received or sent by this daemon. */
public enum Direction {
  /** Received from the peer. */
  IN,
  /** Sent to the peer. */
  OUT,
  /** A direction this SDK version does not know. */
  @JsonEnumDefaultValue
  UNKNOWN
}

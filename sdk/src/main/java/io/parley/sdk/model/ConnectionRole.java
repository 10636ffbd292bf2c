package io.parley.sdk.model;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;

/** Which side of the handshake this daemon played for a connection. */
public enum ConnectionRole {
  /** This daemon created the invitation or owns the contact address. */
  INVITER,
  /** This daemon joined someone else's link. */
  JOINER,
  /** A role this SDK version does not know. */
  @JsonEnumDefaultValue
  UNKNOWN
}

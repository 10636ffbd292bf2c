package io.parley.sdk.model;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;

/** Where a connection is in its life, as the daemon reports it. */
public enum ConnectionStatus {
  /** An invitation was created; waiting for the peer to join. */
  PENDING,
  /** This side joined; waiting for the peer's confirmation. */
  JOINING,
  /** Both sides completed the handshake; messages flow. */
  ESTABLISHED,
  /** Deleted; still on record for a while. */
  DELETED,
  /** A status this SDK version does not know (a newer daemon). */
  @JsonEnumDefaultValue
  UNKNOWN
}

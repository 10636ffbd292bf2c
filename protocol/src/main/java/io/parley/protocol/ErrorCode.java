package io.parley.protocol;

import java.util.HashMap;
import java.util.Map;

/** Every error a relay can answer with {@code ERR}; {@link #wire()} is the text on the wire. */
public enum ErrorCode {
  /** The block or transmission framing did not decode. */
  BLOCK("BLOCK"),
  /** The transmission was bound to another session. */
  SESSION("SESSION"),
  /** Unknown command tag. */
  CMD_UNKNOWN("CMD UNKNOWN"),
  /** Known command with malformed parameters or trailing bytes. */
  CMD_SYNTAX("CMD SYNTAX"),
  /** Well-formed command not allowed in this state (e.g. SKEY on a contact queue). */
  CMD_PROHIBITED("CMD PROHIBITED"),
  /** Command requires an authorization and has none. */
  CMD_NO_AUTH("CMD NO_AUTH"),
  /** Command must not carry an authorization and has one. */
  CMD_HAS_AUTH("CMD HAS_AUTH"),
  /** Command requires an entity (queue) id and has none, or must not have one and does. */
  CMD_NO_ENTITY("CMD NO_ENTITY"),
  /** Authorization failed, the queue is unknown or suspended, or the id names the other party. */
  AUTH("AUTH"),
  /** The queue is full; the sender must wait for the recipient to drain it. */
  QUOTA("QUOTA"),
  /** ACK named no delivered message. */
  NO_MSG("NO_MSG"),
  /** SEND body larger than {@link ProtocolLimits#MAX_MESSAGE_BYTES}. */
  LARGE_MSG("LARGE_MSG"),
  /** The relay failed; the command may be retried. */
  INTERNAL("INTERNAL");

  private static final Map<String, ErrorCode> BY_WIRE = new HashMap<>();

  static {
    for (ErrorCode c : values()) {
      BY_WIRE.put(c.wire, c);
    }
  }

  private final String wire;

  ErrorCode(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }

  /** Parses the wire text, or returns {@code null} if unknown. */
  public static ErrorCode fromWire(String wire) {
    return BY_WIRE.get(wire);
  }
}

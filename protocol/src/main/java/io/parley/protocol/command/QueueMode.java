package io.parley.protocol.command;

/** Whether a queue may be secured by its sender. */
public enum QueueMode {
  /** One-time messaging queue: the sender secures it with SKEY (or the recipient with KEY). */
  MESSAGING('M'),
  /** Contact address queue: never secured, anyone holding the address may SEND unsigned. */
  CONTACT('C');

  private final char wire;

  QueueMode(char wire) {
    this.wire = wire;
  }

  public char wire() {
    return wire;
  }

  public static QueueMode fromWire(int b) {
    for (QueueMode m : values()) {
      if (m.wire == b) {
        return m;
      }
    }
    return null;
  }
}

package io.parley.daemon.store.api;

/**
 * A connection's marks: how far it was read and whether its security code was verified.
 *
 * @param readUpTo the last message marked read, or null
 * @param verifiedAtMillis when it was marked verified (epoch ms), or null
 */
public record MarkRow(String connectionId, String readUpTo, Long verifiedAtMillis) {
  /** The marks of a connection nobody marked. */
  public static MarkRow none(String connectionId) {
    return new MarkRow(connectionId, null, null);
  }
}

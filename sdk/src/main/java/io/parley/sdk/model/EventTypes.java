package io.parley.sdk.model;

/**
 * The event types the daemon writes to its log, with what {@link Event#data()} holds for each.
 * Readers must ignore types they do not know: a newer daemon may add some.
 */
public final class EventTypes {
  /** A connection completed its handshake; data: {@code securityCode}. */
  public static final String CONNECTION_ESTABLISHED = "connection.established";
  /** Someone asked to connect through the address; data: {@code requestId}, {@code profile}. */
  public static final String CONNECTION_REQUESTED = "connection.requested";
  /** A connection was deleted; no data. */
  public static final String CONNECTION_DELETED = "connection.deleted";
  /** A queue rotation of the connection finished; the data names no queue or relay. */
  public static final String CONNECTION_ROTATED = "connection.rotated";
  /** A re-key through an out-of-band link finished; data has the new {@code securityCode}. */
  public static final String CONNECTION_REKEYED = "connection.rekeyed";
  /**
   * Messages stopped decrypting (for example one side restored a backup); recover with a
   * resync. Data has {@code reason} and {@code failures}.
   */
  public static final String CONNECTION_RATCHET_DESYNC = "connection.ratchet_desync";
  /** A ratchet resync finished; data has the new {@code securityCode}, to compare again. */
  public static final String CONNECTION_RATCHET_RESYNCED = "connection.ratchet_resynced";
  /**
   * A message arrived that could not be opened or parsed before the ratchet and was dropped;
   * data: {@code reason} (the layer that failed). No connection id on the contact address.
   */
  public static final String CONNECTION_ERROR = "connection.error";
  /** A text arrived; data: {@code messageId}, {@code text}, {@code integrity}. */
  public static final String MESSAGE_RECEIVED = "message.received";
  /** A sent message changed status; data: {@code messageId}, {@code status}, {@code reason}. */
  public static final String MESSAGE_STATUS = "message.status";
  /** A message arrived that could not be decrypted and was dropped; data: {@code reason}. */
  public static final String MESSAGE_ERROR = "message.error";
  /** A relay became reachable; data: {@code relay}. */
  public static final String RELAY_UP = "relay.up";
  /** A relay became unreachable; data: {@code relay}, {@code reason}. */
  public static final String RELAY_DOWN = "relay.down";

  private EventTypes() {}
}

package io.parley.sdk.error;

/**
 * The call conflicts with the current state (409): {@link #NOT_ESTABLISHED} (the connection's
 * handshake has not completed), {@link #LINK_ALREADY_USED}, or {@link #CONFLICT}. Immutable.
 */
public final class ConflictException extends ParleyException {
  private static final long serialVersionUID = 1L;

  /** HTTP status of this failure. */
  public static final int STATUS = 409;
  /** The connection is not established yet (or any more). */
  public static final String NOT_ESTABLISHED = "not_established";
  /** The one-time invitation was already used. */
  public static final String LINK_ALREADY_USED = "link_already_used";
  /**
   * A contact address exists with other settings: answered by daemons before settings could be
   * changed in place; current daemons update the address instead.
   */
  public static final String ADDRESS_EXISTS = "address_exists";
  /** A name or id is taken. */
  public static final String CONFLICT = "conflict";

  /** @param code the API's error code */
  public ConflictException(String code, String message) {
    super(STATUS, code, message);
  }
}

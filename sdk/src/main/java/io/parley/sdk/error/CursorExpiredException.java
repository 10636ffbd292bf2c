package io.parley.sdk.error;

import java.util.OptionalLong;

/**
 * The events after the requested cursor were deleted by the daemon's retention (410), so reading
 * on from there would silently skip some. Restart from {@link #oldestSeq()} minus one (or from
 * the start) and reconcile what was missed. Immutable.
 */
public final class CursorExpiredException extends ParleyException {
  private static final long serialVersionUID = 1L;

  /** HTTP status of this failure. */
  public static final int STATUS = 410;

  private final long oldestSeq;

  /**
   * @param code the API's error code ({@code cursor_expired})
   * @param oldestSeq the oldest event still kept, or a negative number if the daemon did not say
   */
  public CursorExpiredException(String code, String message, long oldestSeq) {
    super(STATUS, code, message);
    this.oldestSeq = oldestSeq;
  }

  /** The oldest event the daemon still keeps, when it said. */
  public OptionalLong oldestSeq() {
    return oldestSeq < 0 ? OptionalLong.empty() : OptionalLong.of(oldestSeq);
  }
}

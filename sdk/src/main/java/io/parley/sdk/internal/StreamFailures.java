package io.parley.sdk.internal;

import io.parley.sdk.error.CursorExpiredException;
import io.parley.sdk.error.ParleyException;
import java.lang.System.Logger.Level;

/**
 * How a subscription treats a failure to read events: retried with backoff (no answer, 429,
 * 5xx, an unreadable answer) or final (the token, the cursor or the request is wrong).
 * Stateless. Not part of the SDK's API.
 */
final class StreamFailures {
  /** {@link ParleyException#code()} of a failure that is a bug in the SDK. */
  static final String INTERNAL = "internal";
  private static final System.Logger LOG = System.getLogger(StreamFailures.class.getName());

  private StreamFailures() {}

  /** Whether reading may work again later without any change. */
  static boolean isTransient(ParleyException e) {
    if (e instanceof CursorExpiredException) {
      return false;
    }
    return e.isRetryable() || e.status() >= 500
        || ParleyException.BAD_RESPONSE.equals(e.code());
  }

  /** A failure as listeners see it; anything but a ParleyException is a bug, logged. */
  static ParleyException asParley(RuntimeException e) {
    if (e instanceof ParleyException p) {
      return p;
    }
    LOG.log(Level.ERROR, "unexpected failure reading events; retrying", e);
    return new ParleyException(ParleyException.NO_STATUS, INTERNAL,
        "unexpected failure reading events: " + e.getClass().getName(), e);
  }
}

package io.parley.agent.internal.delivery;

import io.parley.agent.internal.client.RelayClientException;
import io.parley.agent.internal.client.RelayErrorException;
import io.parley.protocol.ErrorCode;
import io.parley.protocol.transport.Tls;
import java.util.concurrent.CompletionException;

/**
 * Why a SEND or SKEY failed, and whether trying again can help. The reason is the text shown
 * in a message's timeline and status event; it never carries ids or keys.
 *
 * @param permanent true when retrying cannot succeed (the relay refused for good)
 */
public record SendFailure(boolean permanent, String reason) {
  /** Reason of a message whose queue the peer deleted (the relay answered ERR AUTH). */
  public static final String PEER_DELETED = "peer deleted the connection";
  /** Reason of a message refused because it is too large for the relay. */
  public static final String TOO_LARGE = "relay refused the message as too large";

  /** Classifies the failure of a SEND. */
  public static SendFailure ofSend(Throwable t) {
    Throwable e = unwrap(t);
    if (e instanceof RelayErrorException r) {
      if (r.code() == ErrorCode.AUTH) {
        return new SendFailure(true, PEER_DELETED);
      }
      if (r.code() == ErrorCode.LARGE_MSG) {
        return new SendFailure(true, TOO_LARGE);
      }
      return new SendFailure(!r.retryable(), "relay answered " + r.code().wire());
    }
    if (Tls.isIdentityMismatch(e)) {
      return new SendFailure(false, "relay identity does not match the key hash in its address");
    }
    if (e instanceof RelayClientException c) {
      return new SendFailure(!c.retryable(), c.getMessage());
    }
    return new SendFailure(false, e.getClass().getSimpleName());
  }

  /** Whether the relay refused because the peer's queue is full (flow control, not a fault). */
  public static boolean isQuota(Throwable t) {
    return unwrap(t) instanceof RelayErrorException r && r.code() == ErrorCode.QUOTA;
  }

  /** Classifies the failure of an SKEY: AUTH means another sender secured the queue. */
  public static SendFailure ofSecure(Throwable t) {
    Throwable e = unwrap(t);
    if (e instanceof RelayErrorException r && r.code() == ErrorCode.AUTH) {
      return new SendFailure(true, "the peer's queue is secured by someone else");
    }
    return ofSend(e);
  }

  /** The cause inside the wrappers CompletableFuture adds. */
  public static Throwable unwrap(Throwable t) {
    Throwable e = t;
    while (e instanceof CompletionException && e.getCause() != null) {
      e = e.getCause();
    }
    return e;
  }
}

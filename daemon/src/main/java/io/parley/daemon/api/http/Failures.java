package io.parley.daemon.api.http;

import io.parley.agent.error.AgentException;
import io.parley.agent.error.UncheckedAgentException;
import io.parley.agent.store.StoreException;
import java.lang.System.Logger.Level;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Maps whatever an endpoint failed with to the status and code of the error envelope: agent
 * reasons one to one, store failures to 503, anything unexpected to 500 (logged with its
 * stack, which names no secret). Stateless.
 */
public final class Failures {
  private static final System.Logger LOG = System.getLogger(Failures.class.getName());

  private Failures() {}

  /** The API error for {@code failure}. */
  public static ApiException toApi(Throwable failure) {
    Throwable t = unwrap(failure);
    if (t instanceof ApiException e) {
      return e;
    }
    if (t instanceof UncheckedAgentException e) {
      t = e.getCause();
    }
    if (t instanceof AgentException e) {
      return fromAgent(e);
    }
    if (t instanceof StoreException) {
      return ApiException.storeUnavailable("the store cannot persist or read right now; "
          + "nothing was done; retry later");
    }
    LOG.log(Level.ERROR, "unexpected failure serving an API request", t);
    return new ApiException(500, ApiException.INTERNAL, "internal error");
  }

  private static Throwable unwrap(Throwable t) {
    Throwable cur = t;
    while ((cur instanceof CompletionException || cur instanceof ExecutionException)
        && cur.getCause() != null) {
      cur = cur.getCause();
    }
    return cur;
  }

  private static ApiException fromAgent(AgentException e) {
    String m = e.getMessage();
    return switch (e.reason()) {
      case UNKNOWN_CONNECTION -> ApiException.notFound("no such connection");
      case UNKNOWN_PROFILE -> ApiException.notFound("no such profile");
      case UNKNOWN_REQUEST -> ApiException.notFound("no such pending contact request");
      case NO_ADDRESS -> ApiException.notFound("there is no contact address");
      case UNKNOWN_RELAY -> ApiException.notFound("no such relay");
      case RELAY_IN_USE -> ApiException.conflict(ApiException.RELAY_IN_USE, m);
      case ADDRESS_ON_RELAY -> ApiException.conflict(ApiException.ADDRESS_ON_RELAY, m);
      case ROTATION_IN_PROGRESS -> ApiException.conflict(ApiException.ROTATION_IN_PROGRESS, m);
      case NOT_ESTABLISHED -> ApiException.conflict(ApiException.NOT_ESTABLISHED,
          "the connection is not established");
      case LINK_ALREADY_USED -> ApiException.conflict(ApiException.LINK_ALREADY_USED,
          "the invitation was already used");
      case ADDRESS_EXISTS -> ApiException.conflict(ApiException.ADDRESS_EXISTS,
          "there is already a contact address");
      case TEXT_TOO_LONG -> new ApiException(413, ApiException.TOO_LARGE, m);
      case BAD_LINK -> new ApiException(400, ApiException.BAD_LINK, m);
      case INVALID_ARGUMENT -> ApiException.badRequest(m);
      case PROFILE_TOO_LARGE -> new ApiException(422, ApiException.PROFILE_TOO_LARGE, m);
      case IDEMPOTENCY_CONFLICT -> new ApiException(422, ApiException.IDEMPOTENCY_KEY_REUSED,
          "the Idempotency-Key was already used on this connection for a different message; "
          + "nothing was queued: use a new key for a new message");
      case RELAY_IDENTITY -> new ApiException(502, ApiException.RELAY_IDENTITY,
          "a relay's identity does not match its address");
      case RELAY_UNAVAILABLE -> new ApiException(503, ApiException.RELAY_UNAVAILABLE,
          "a relay could not be reached; retry later");
      case STORE_UNAVAILABLE -> ApiException.storeUnavailable(
          "the store cannot persist right now; nothing was done; retry later");
      case CLOSED -> new ApiException(503, ApiException.SHUTTING_DOWN,
          "the daemon is shutting down");
      case INTERNAL -> new ApiException(500, ApiException.INTERNAL, "internal error: " + m);
    };
  }
}

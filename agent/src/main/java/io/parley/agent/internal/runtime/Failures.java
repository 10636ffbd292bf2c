package io.parley.agent.internal.runtime;

import io.parley.agent.error.AgentException;
import io.parley.agent.internal.client.RelayClientException;
import io.parley.agent.internal.client.RelayErrorException;
import io.parley.agent.internal.delivery.SendFailure;
import io.parley.agent.internal.store.StoreException;
import io.parley.protocol.ErrorCode;
import io.parley.protocol.crypto.CryptoException;
import io.parley.protocol.transport.Tls;
import java.util.concurrent.CompletionException;

/** Turns what a relay client or the store threw into the agent's typed failures. */
public final class Failures {
  private Failures() {}

  /** The {@link AgentException} for a failure of a future-based step. */
  public static AgentException toAgent(Throwable t) {
    Throwable e = SendFailure.unwrap(t);
    if (e instanceof AgentException a) {
      return a;
    }
    if (Tls.isIdentityMismatch(e)) {
      return new AgentException(AgentException.Reason.RELAY_IDENTITY,
          "relay identity does not match the key hash in its address", e);
    }
    if (e instanceof RelayErrorException r && r.code() == ErrorCode.AUTH) {
      return new AgentException(AgentException.Reason.LINK_ALREADY_USED,
          "the relay refused the queue: the link was used or deleted", e);
    }
    if (e instanceof RelayClientException) {
      return new AgentException(AgentException.Reason.RELAY_UNAVAILABLE,
          "relay failed: " + e.getMessage(), e);
    }
    if (e instanceof CryptoException) {
      return new AgentException(AgentException.Reason.RELAY_UNAVAILABLE,
          "the relay answered with an unusable key", e);
    }
    if (e instanceof StoreException) {
      return new AgentException(AgentException.Reason.STORE_UNAVAILABLE,
          "store failed: " + e.getMessage(), e);
    }
    if (e instanceof IllegalStateException) {
      // The relay client pool refuses work once it is closed.
      return new AgentException(AgentException.Reason.CLOSED, "the agent is closing", e);
    }
    return new AgentException(AgentException.Reason.INTERNAL,
        "internal failure: " + e.getClass().getSimpleName(), e);
  }

  /** Whether retrying the step later may succeed. */
  public static boolean transientFailure(AgentException e) {
    return e.reason() == AgentException.Reason.RELAY_UNAVAILABLE
        || e.reason() == AgentException.Reason.STORE_UNAVAILABLE;
  }

  /** A failed future carrying {@link #toAgent}'s mapping, for chains. */
  public static CompletionException wrap(Throwable t) {
    return new CompletionException(toAgent(t));
  }
}

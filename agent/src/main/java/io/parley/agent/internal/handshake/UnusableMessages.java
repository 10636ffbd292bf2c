package io.parley.agent.internal.handshake;

import io.parley.agent.event.AgentEvent;
import io.parley.agent.internal.e2e.Unusable;
import io.parley.agent.internal.events.EventLog;
import io.parley.agent.internal.runtime.AgentContext;
import io.parley.agent.internal.state.ConnectionState;
import io.parley.agent.internal.store.RcvQueueRow;
import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Reports a delivered message that cannot be used as a {@code connection.error} event instead of
 * dropping it silently (docs/agent-protocol.md section 6). The event is written in the unit that
 * records the relay's message id, so a redelivery of the same message is only acknowledged, not
 * reported twice. The log line names the reason only: nothing of the message, its queue or its
 * keys.
 */
public final class UnusableMessages {
  private static final System.Logger LOG = System.getLogger(UnusableMessages.class.getName());

  private UnusableMessages() {}

  /**
   * A message on one of {@code s}'s receive queues. Caller holds {@code s}'s monitor; returns
   * the unit to wait for before acknowledging.
   */
  public static CompletableFuture<Void> reportLocked(AgentContext ctx, ConnectionState s,
      RcvQueueRow q, byte[] relayMsgId, Unusable reason) {
    LOG.log(Level.INFO, "dropped a message a connection cannot use: " + reason.label());
    s.setLastRelayMsgId(q.id(), relayMsgId);
    String id = s.id();
    Map<String, Object> data = Map.of("reason", reason.label());
    return ctx.store().write(s.fence(), tx -> {
      tx.queues().setLastRelayMsgId(q.id(), relayMsgId);
      EventLog.append(tx, AgentEvent.CONNECTION_ERROR, id, data);
      return null;
    });
  }

  /** A message on the contact address queue {@code q}; returns the unit to wait for. */
  static CompletableFuture<Void> reportOnAddress(AgentContext ctx, RcvQueueRow q,
      byte[] relayMsgId, Unusable reason) {
    LOG.log(Level.INFO, "dropped a message the contact address cannot use: " + reason.label());
    Map<String, Object> data = Map.of("reason", reason.label());
    return ctx.store().write(tx -> {
      tx.queues().setLastRelayMsgId(q.id(), relayMsgId);
      EventLog.append(tx, AgentEvent.CONNECTION_ERROR, null, data);
      return null;
    });
  }
}

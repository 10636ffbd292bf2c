package io.parley.agent.internal.inbound;

import io.parley.agent.event.AgentEvent;
import io.parley.agent.internal.events.EventLog;
import io.parley.agent.internal.handshake.ContactAddresses;
import io.parley.agent.internal.handshake.Deletions;
import io.parley.agent.internal.runtime.AgentContext;
import io.parley.agent.internal.state.Connections;
import io.parley.agent.internal.client.RelayClientListener;
import io.parley.agent.internal.client.RelayDownReason;
import io.parley.protocol.command.Response;
import io.parley.protocol.transport.RelayAddress;
import java.lang.System.Logger.Level;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The agent's {@link RelayClientListener}: routes each delivered message to the connection or
 * contact address its queue belongs to, and records relay sessions going up and down as
 * {@code relay.up} / {@code relay.down} events (once per change, not per reconnect attempt).
 * Thread-safe; the relay client calls it on the agent's executor, in order per relay.
 */
public final class InboundRouter implements RelayClientListener {
  private static final System.Logger LOG = System.getLogger(InboundRouter.class.getName());

  /** What the router hands work to; bound once the agent's parts exist. */
  public record Targets(AgentContext ctx, Receiver receiver, ContactAddresses contacts,
      Deletions deletions) {}

  /**
   * A relay's session as last reported.
   *
   * @param sinceMillis when it last changed between up and down. UNIT: epoch milliseconds
   * @param lastError why it last went down, in words, or null if it never did
   */
  public record RelayState(boolean up, long sinceMillis, String lastError) {}

  private volatile Targets targets;
  private final Map<RelayAddress, Boolean> up = new ConcurrentHashMap<>();
  private final Map<RelayAddress, RelayState> states = new ConcurrentHashMap<>();

  public void bind(Targets t) {
    targets = t;
  }

  /** Whether each relay this agent has tried was up at its last change, by address. */
  public Map<String, Boolean> relayStates() {
    Map<String, Boolean> out = new HashMap<>();
    up.forEach((relay, isUp) -> out.put(relay.toString(), isUp));
    return out;
  }

  /** The last reported state of {@code relay}, if its session was ever tried. */
  public RelayState state(RelayAddress relay) {
    return states.get(relay);
  }

  @Override
  public boolean behind() {
    Targets t = targets;
    return t != null && t.receiver().behind();
  }

  @Override
  public void onMessage(RelayAddress relay, byte[] recipientId, Response.Msg msg) {
    Targets t = targets;
    if (t == null) {
      return;
    }
    Connections.Owner owner = t.ctx().connections().owner(relay.toString(), recipientId)
        .orElse(null);
    if (owner instanceof Connections.AddressQueue a) {
      t.contacts().onMessage(relay, a.queue(), msg);
    } else if (owner instanceof Connections.ConnectionQueue c) {
      t.ctx().connections().get(c.connectionId())
          .ifPresent(s -> t.receiver().onMessage(relay, recipientId, s, msg));
    } else {
      LOG.log(Level.DEBUG, "message for a queue this agent does not know");
    }
  }

  @Override
  public void onEnd(RelayAddress relay, byte[] recipientId) {
    LOG.log(Level.WARNING, "another client subscribed to one of this agent's queues on " + relay);
  }

  @Override
  public void onUp(RelayAddress relay) {
    Targets t = targets;
    if (t == null) {
      return;
    }
    changed(t, relay, true, null);
    t.ctx().deliveries().wakeRelay(relay);
    t.deletions().retryAll();
  }

  @Override
  public void onDown(RelayAddress relay, Throwable cause) {
    Targets t = targets;
    if (t == null) {
      return;
    }
    t.ctx().deliveries().relayDown(relay);
    changed(t, relay, false, RelayDownReason.of(cause));
  }

  private void changed(Targets t, RelayAddress relay, boolean nowUp, String reason) {
    if (nowUp) {
      t.ctx().relays().up(relay);
    } else {
      t.ctx().relays().down(relay);
    }
    Boolean before = up.put(relay, nowUp);
    if (before != null && before == nowUp) {
      return;
    }
    RelayState old = states.get(relay);
    states.put(relay, new RelayState(nowUp, t.ctx().now(),
        nowUp ? old == null ? null : old.lastError() : reason));
    Map<String, Object> data = new HashMap<>();
    data.put("relay", relay.toString());
    if (reason != null) {
      data.put("reason", reason);
    }
    String type = nowUp ? AgentEvent.RELAY_UP : AgentEvent.RELAY_DOWN;
    t.ctx().store().write(tx -> EventLog.append(tx, type, null, data)).exceptionally(e -> 0L);
  }
}

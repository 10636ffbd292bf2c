/**
 * The event log seen from the agent: {@link io.parley.agent.internal.events.EventLog} appends
 * an event inside a write unit and turns stored rows back into {@link
 * io.parley.agent.event.AgentEvent}s; {@link io.parley.agent.internal.events.EventDispatcher}
 * hands committed events to listeners on one thread, in order.
 *
 * <p>May use: store, the public {@code event} package, Jackson (event data as JSON).
 */
package io.parley.agent.internal.events;

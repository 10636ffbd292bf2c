/**
 * What arrives from relays: {@link io.parley.agent.internal.inbound.InboundRouter} is the relay
 * clients' listener and routes each message to its connection or contact address; {@link
 * io.parley.agent.internal.inbound.Receiver} opens it, stores it with the ratchet state and its
 * event in one unit, and only then acknowledges it.
 *
 * <p>May use: handshake, runtime, delivery, events, e2e, state, client, store, the public
 * {@code event} package, protocol.
 */
package io.parley.agent.internal.inbound;

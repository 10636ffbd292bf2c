/**
 * The agent's client side of the relay protocol (docs/protocol.md sections 2 to 6): one pinned
 * TLS connection per relay, batched commands, answers matched by correlation id, automatic
 * reconnects and re-subscription, and relay events handed to a {@link
 * io.parley.agent.internal.client.RelayClientListener}. Start at {@link
 * io.parley.agent.internal.client.RelayClientPool}.
 *
 * <p>May use: protocol, transport (TLS record framing), Netty. No other agent package: what
 * it delivers goes up through the listener.
 */
package io.parley.agent.internal.client;

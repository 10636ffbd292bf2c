/**
 * The relay as a library: {@link io.parley.relay.Relay} wires configuration, identity, store
 * and server; {@code RelayInit} creates a data directory; {@code RelayMain} is the thin
 * command-line entry. May use every relay package, the protocol and the transport; never the
 * agent, the daemon or anything above them.
 */
package io.parley.relay;

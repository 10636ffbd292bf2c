/**
 * What agents say to each other through relays (docs/protocol.md): connection links and
 * queue URIs, connection info, agent messages and their end-to-end envelopes, with their
 * limits. May use the protocol's root package, {@code codec}, {@code command} and
 * {@code crypto}; nothing that does I/O.
 */
package io.parley.protocol.agent;

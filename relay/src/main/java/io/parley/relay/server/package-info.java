/**
 * The relay's network side: Netty pipeline, session handshake (docs/protocol.md section 4),
 * command dispatch and queue semantics (sections 5 to 8), subscriptions, delivery and
 * back-pressure. Every connection's state is confined to its event loop.
 */
package io.parley.relay.server;

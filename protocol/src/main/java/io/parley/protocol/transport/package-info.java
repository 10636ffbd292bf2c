/**
 * What a relay connection is made of, without the connection: relay addresses, the relay's
 * identity and its PEM form, TLS 1.3 parameters with the pinning trust manager, and the session
 * handshake blocks. Certificates are judged at the time of an injected
 * {@link java.time.Clock}; files and sockets belong to the caller (the relay, the agent). May
 * use the protocol's root package, {@code codec}, {@code crypto}, BouncyCastle and JSSE.
 */
package io.parley.protocol.transport;

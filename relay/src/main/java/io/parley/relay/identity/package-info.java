/**
 * The relay's identity on disk ({@link io.parley.relay.identity.RelayIdentityFiles}): reads
 * and writes the PEM files the protocol encodes and checks. May use the protocol's
 * {@code transport} package and the transport's {@code files}; nothing else of the relay, so
 * the daemon, the agent's tests and the benchmarks can share it.
 */
package io.parley.relay.identity;

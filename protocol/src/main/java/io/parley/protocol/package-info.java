/**
 * The protocol's shared vocabulary: blocks and transmissions, error codes, version ranges and
 * the limits every side checks ({@link io.parley.protocol.ProtocolLimits}). The whole module is
 * a pure library: no threads, sockets, files or wall clock of its own (the module's
 * ArchitectureTest checks). May use {@code codec} and the JDK.
 */
package io.parley.protocol;

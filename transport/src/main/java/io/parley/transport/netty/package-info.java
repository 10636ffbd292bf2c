/**
 * Inbound TLS handling over Netty, shared by the relay's server and the agent's relay client:
 * received bytes move to heap buffers before the SSL handler (AES-GCM is much cheaper there on
 * JDK 17), whole TLS records at a time. May use Netty and the JDK; nothing of Parley.
 */
package io.parley.transport.netty;

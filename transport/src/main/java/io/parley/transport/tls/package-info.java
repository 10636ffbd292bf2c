/**
 * The TLS engine behind the relay's server and the agent's relay client: BoringSSL through
 * netty-tcnative where its native library loads, the JDK's SSLEngine otherwise or when asked
 * for. The TLS parameters themselves (protocols, suites, key and trust managers) come from the
 * caller. May use Netty and the JDK; nothing of Parley.
 */
package io.parley.transport.tls;

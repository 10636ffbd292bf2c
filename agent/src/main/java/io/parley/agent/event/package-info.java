/**
 * The durable event log's public entry, {@link io.parley.agent.event.AgentEvent}, and its type
 * names. Internals create events; embedders and the daemon read them.
 *
 * <p>May use: the JDK only. A leaf: it imports no other agent package.
 */
package io.parley.agent.event;

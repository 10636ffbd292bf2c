/**
 * The agent's public face: {@link io.parley.agent.Agent} (start one with an {@link
 * io.parley.agent.AgentConfig}, then create invitations, join, send, read events) and {@code
 * AgentParts}, which assembles its internal parts. A program that embeds the agent uses this
 * package and the value packages {@link io.parley.agent.event}, {@link io.parley.agent.model}
 * and {@link io.parley.agent.error}; nothing under {@code io.parley.agent.internal}, which may
 * change in any release (docs/embedding.md).
 *
 * <p>May use: every agent package, protocol, Quartz (for its scheduler's exception). Nothing
 * in the agent imports this package: it is the top of the agent's dependency graph.
 */
package io.parley.agent;

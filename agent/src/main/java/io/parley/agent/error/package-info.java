/**
 * The agent's typed failures: {@link io.parley.agent.error.AgentException} with its {@link
 * io.parley.agent.error.AgentException.Reason}, and the unchecked wrapper thrown by lookups.
 * Internals raise them; callers act on the reason.
 *
 * <p>May use: the JDK only. A leaf: it imports no other agent package.
 */
package io.parley.agent.error;

/**
 * Read models the agent offers front-ends, beside {@link io.parley.agent.Agent}'s own
 * lookups: a connection's message history, counts for monitoring and the event log's kept
 * span. Value types and interfaces only; the agent implements them on its store.
 *
 * <p>May use: {@link io.parley.agent.store} (its typed failures) and the JDK. Nothing of the
 * agent's internals, so a front-end depends on these without seeing a store row.
 */
package io.parley.agent.readmodel;

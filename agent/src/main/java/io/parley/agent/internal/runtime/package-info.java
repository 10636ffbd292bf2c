/**
 * What the handshake and receive logic share: {@link
 * io.parley.agent.internal.runtime.AgentContext} (the running agent's parts), {@link
 * io.parley.agent.internal.runtime.Failures} (relay and store failures as typed agent
 * failures), new queues, row edits and the choice of relay for the next queue.
 *
 * <p>May use: delivery, client, state, store, the public {@code error} package, protocol.
 */
package io.parley.agent.internal.runtime;

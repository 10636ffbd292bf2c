/**
 * The in-memory state of every loaded connection: {@link
 * io.parley.agent.internal.state.ConnectionState} (its rows, ratchet and counters, guarded by
 * its own monitor) and {@link io.parley.agent.internal.state.Connections} (lookup by id and by
 * queue).
 *
 * <p>May use: store (the rows it mirrors), protocol.
 */
package io.parley.agent.internal.state;

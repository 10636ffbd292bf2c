/**
 * The agent's end-to-end envelopes: {@link io.parley.agent.internal.e2e.Sealing} builds what a
 * relay carries (confirmations, contact requests, ratchet-encrypted agent messages), {@link
 * io.parley.agent.internal.e2e.Opening} and {@link io.parley.agent.internal.e2e.MessageOpening}
 * take them apart. Pure functions over the protocol's crypto and ratchet; no state, no I/O.
 *
 * <p>May use: protocol only.
 */
package io.parley.agent.internal.e2e;

/**
 * The hybrid post-quantum ratchet against the classic one, in process (docs/benchmarks.md,
 * "Post-quantum ratchet"): handshake time, CPU per message and message sizes.
 */
package io.parley.bench.ratchet;

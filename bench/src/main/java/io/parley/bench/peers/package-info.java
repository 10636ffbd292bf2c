/**
 * Load clients for other brokers, so Parley's figures can be set beside theirs on the same
 * machine with the same load shapes (bench/peers/*.sh install, start and run them).
 */
package io.parley.bench.peers;

/**
 * The relay load tool: throughput, latency and heap per idle queue (docs/relay.md). Drives the
 * relay with the blocking client of the relay's test-jar; uses {@code io.parley.bench.common}.
 */
package io.parley.bench.relay;

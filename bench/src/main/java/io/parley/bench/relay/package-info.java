/** The relay load tool: throughput, latency and heap per idle queue (docs/relay.md). */
package io.parley.bench.relay;

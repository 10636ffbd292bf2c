/**
 * {@code AgentBench}: the agent end to end in one JVM (embedded relay, two agents with durable
 * stores): throughput, latency at a fixed rate, handshake time (docs/benchmarks.md). Uses the
 * agent's public API, the daemon's embedded relay and {@code io.parley.bench.common}.
 */
package io.parley.bench.agent;

/**
 * The agent benchmark ({@code AgentBench}, docs/benchmarks.md): throughput and latency of
 * messages between in-process agents over a real relay, with CPU per message. May use the
 * agent's public API, the daemon's CLI and configuration, and the JDK; shipped in no jar but
 * {@code parley-bench.jar}.
 */
package io.parley.bench.agent;

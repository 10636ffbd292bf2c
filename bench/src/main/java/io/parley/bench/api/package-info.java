/**
 * The local API benchmark ({@code ApiBench}, docs/benchmarks.md): send and event latency and
 * throughput through a daemon's HTTP API, against direct agent calls. May use the daemon, the
 * agent and the protocol's relay addresses; shipped in no jar but {@code parley-bench.jar}.
 */
package io.parley.bench.api;

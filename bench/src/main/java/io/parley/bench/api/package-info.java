/**
 * {@code ApiBench}: the local HTTP API in one JVM (embedded relay, two daemons): accepted sends
 * per second and commit-to-WebSocket latency (docs/api.md). Uses the daemon's API server and
 * embedded relay, the agent (its public API, and its store to open the API's database handle as
 * the daemon does) and {@code io.parley.bench.common}.
 */
package io.parley.bench.api;

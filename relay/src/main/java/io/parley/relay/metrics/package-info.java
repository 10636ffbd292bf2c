/**
 * The relay's Prometheus metrics (docs/metrics.md): the JVM and process binders every Parley
 * process exports ({@link io.parley.relay.metrics.ProcessMetrics}, also used by the daemon),
 * the relay's own series over its aggregate counters ({@link io.parley.relay.metrics.RelayMetrics})
 * and the loopback listener that serves them ({@link io.parley.relay.metrics.MetricsListener}).
 * Labels are fixed words (error codes, refusal reasons, outcomes), never a queue, key or client.
 * Uses Micrometer and the relay's server and store packages.
 */
package io.parley.relay.metrics;

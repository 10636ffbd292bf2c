/**
 * The notifier's Prometheus metrics (docs/metrics.md): the JVM and process binders and the
 * alerts it answered, by source and outcome. Labels are fixed words. Uses Micrometer and the
 * delivery package's result type.
 */
package io.parley.bots.notifier.metrics;

/**
 * What every benchmark shares: the command line ({@link io.parley.bench.common.BenchMain} on
 * picocli through {@code io.parley.launch}, {@link io.parley.bench.common.Counts}), latency
 * recording and nearest-rank percentiles, and the typed failures. Uses the JDK, picocli and
 * launch; the tools in {@code io.parley.bench.relay},
 * {@code .agent} and {@code .api} use it, never each other.
 */
package io.parley.bench.common;

/**
 * What every benchmark shares: the command line ({@link io.parley.bench.common.BenchFlags},
 * {@link io.parley.bench.common.BenchMain}), latency recording and nearest-rank percentiles,
 * and the typed failures. Uses the JDK only; the tools in {@code io.parley.bench.relay},
 * {@code .agent} and {@code .api} use it, never each other.
 */
package io.parley.bench.common;

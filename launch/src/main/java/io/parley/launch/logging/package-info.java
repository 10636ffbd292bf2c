/**
 * Logs of every entry point: one line per record ({@link OneLineFormatter}) or one JSON object
 * per line ({@link JsonLineFormatter}), the level, and quieter library loggers
 * ({@link LogSetup}), chosen with {@code --log-format} and {@code --log-level}
 * ({@link LogOptions}).
 */
package io.parley.launch.logging;

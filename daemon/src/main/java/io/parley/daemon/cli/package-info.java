/**
 * {@code parleyd}'s command line: arguments and usage, the data-directory lock, starting the
 * embedded relay, the agent and the API in order, stopping them in reverse, and exit codes.
 *
 * <p>May use: {@code config}, {@code api}, the agent's public API, the relay library,
 * {@code io.parley.transport.files}. Nothing in the daemon uses it but the entry point.
 */
package io.parley.daemon.cli;

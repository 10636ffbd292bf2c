/**
 * {@code parleyd}'s entry point ({@link io.parley.daemon.DaemonMain}): hands the command line
 * to {@link io.parley.daemon.cli} and exits with its status.
 *
 * <p>May use: {@code cli} only.
 */
package io.parley.daemon;

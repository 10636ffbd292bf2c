/**
 * The relay's command line ({@code RelayMain}, docs/relay.md "Quick start"): picocli commands
 * {@code init} and {@code start}, whose options also come from {@code PARLEY_*} variables and
 * {@code relay.properties}, and the graceful stop on SIGTERM.
 */
package io.parley.relay.cli;

/**
 * {@code parley}: a command-line and terminal chat client of the Parley daemon's local API,
 * built on the SDK alone (docs/cli.md).
 */
package io.parley.cli;

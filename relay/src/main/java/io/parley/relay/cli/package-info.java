/** Command-line parsing for {@code RelayMain} (docs/relay.md, "Quick start"). */
package io.parley.relay.cli;

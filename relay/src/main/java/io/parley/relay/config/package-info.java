/** Relay configuration: the {@code RelayConfig} record and relay.properties (docs/relay.md). */
package io.parley.relay.config;

/**
 * A minimal blocking relay client for tests and the load tool (docs/relay.md). The agent
 * daemon has its own asynchronous client.
 */
package io.parley.relay.client;

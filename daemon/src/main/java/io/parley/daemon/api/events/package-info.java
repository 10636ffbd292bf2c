/**
 * The event log as the API serves it: the hub that follows the agent's committed events
 * (a ring for streams, the store's log behind it), cursors and named consumers, type filters,
 * retention, and the three ways to read (long-poll, WebSocket, Server-Sent Events).
 *
 * <p>May use: {@code api.http} (errors, exchanges, JSON), {@code store.api} (consumer
 * cursors), the agent's public API and read models, Undertow, Jackson.
 */
package io.parley.daemon.api.events;

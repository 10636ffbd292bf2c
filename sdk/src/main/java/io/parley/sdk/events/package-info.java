/**
 * Event subscriptions: a WebSocket (or long-poll) reader of the daemon's event log that
 * reconnects with capped backoff, resumes after the last event handled, and never hands an event
 * to the handler twice; optionally with a daemon-side named consumer cursor.
 */
package io.parley.sdk.events;

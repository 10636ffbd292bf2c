/**
 * Fan-out of alert groups to a topic's subscribers through a {@link
 * io.parley.bots.notifier.delivery.ChatGateway}, with mutes, repeat suppression, per-subscriber
 * rate limits that hold alerts for digest messages, and idempotent retries.
 */
package io.parley.bots.notifier.delivery;

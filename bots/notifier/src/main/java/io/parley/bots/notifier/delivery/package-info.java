/**
 * Fan-out of alert groups to a topic's subscribers through a {@link
 * io.parley.bots.notifier.delivery.ChatGateway}, with mutes, repeat suppression, per-subscriber
 * rate limits and idempotent retries.
 */
package io.parley.bots.notifier.delivery;

/**
 * The bot's SQLite database: subscriptions and mutes, the delivery ledger for repeat suppression
 * and idempotent retries, and open firing groups.
 */
package io.parley.bots.notifier.store;

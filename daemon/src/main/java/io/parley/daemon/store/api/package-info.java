/**
 * The local API's own tables (migration {@code V0002__api.sql}): scoped tokens, named event
 * consumers, webhooks, and the message-history query. {@link io.parley.daemon.store.api.ApiStore}
 * reaches them through its own SQLite connection to the agent's database file, since the store's
 * write units expose only the agent's repositories. Every write is one short transaction.
 */
package io.parley.daemon.store.api;

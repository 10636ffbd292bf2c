-- V0002: indexes for paging a connection's message history by time, both directions
-- (Agent.history(), which the local API's GET /v1/connections/{id}/messages serves).
-- Conventions as in V0001.
--
-- Until the local API's own tables moved to the daemon (which now creates them through the
-- store's extension point, io.parley.agent.store), this migration also created api_tokens,
-- event_consumers and webhooks. A database migrated before then keeps those tables, and the
-- daemon's first migration adopts them as they are; a new database no longer gets them here.

CREATE INDEX messages_in_time ON messages_in (connection_id, received_at, id);
CREATE INDEX messages_out_time ON messages_out (connection_id, created_at, id)
  WHERE kind = 'text';

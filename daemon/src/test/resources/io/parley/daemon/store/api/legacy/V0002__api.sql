-- V0002: the local API's own state (docs/api.md): scoped access tokens, named event consumers
-- and outgoing webhooks, plus indexes for paging a connection's message history.
-- Conventions as in V0001. The root token lives in <data>/api.token, not here.

-- api_tokens: scoped tokens created through the API. Only a SHA-256 of each token is kept (a
-- token is 256 random bits, so an unsalted hash cannot be reversed by guessing); the token
-- itself is shown once, when it is created.
CREATE TABLE api_tokens (
  id TEXT PRIMARY KEY,
  name TEXT,
  -- admin: everything; send: list connections and send messages, nothing else.
  scope TEXT NOT NULL CHECK (scope IN ('admin', 'send')),
  token_hash BLOB NOT NULL UNIQUE CHECK (length(token_hash) = 32),
  created_at INTEGER NOT NULL
) STRICT;

-- event_consumers: named cursors into the event log. A consumer reads events after its cursor
-- and acknowledges up to a sequence number, which moves the cursor forward (never back).
CREATE TABLE event_consumers (
  name TEXT PRIMARY KEY,
  -- The last event sequence number acknowledged; 0 before the first acknowledgement.
  cursor INTEGER NOT NULL DEFAULT 0 CHECK (cursor >= 0),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;

-- webhooks: URLs that receive each event (of the chosen types) as a signed POST, in order, at
-- least once. The cursor moves past an event only once its URL answered 2xx (or the event was
-- not of a chosen type); failures are retried with backoff and counted in attempts.
CREATE TABLE webhooks (
  id TEXT PRIMARY KEY,
  url TEXT NOT NULL,
  -- JSON array of the event types delivered; null for every type.
  types TEXT CHECK (types IS NULL OR json_valid(types)),
  -- HMAC-SHA256 key for the signature header (secret).
  secret BLOB NOT NULL,
  -- The last event sequence number delivered or skipped.
  cursor INTEGER NOT NULL CHECK (cursor >= 0),
  -- Failed attempts at the event after the cursor since the last success.
  attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  -- The last failure: an HTTP status or a connection error; never a response body.
  last_error TEXT,
  last_error_at INTEGER,
  last_success_at INTEGER,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;

-- History paging (GET /v1/connections/{id}/messages) walks both directions by time.
CREATE INDEX messages_in_time ON messages_in (connection_id, received_at, id);
CREATE INDEX messages_out_time ON messages_out (connection_id, created_at, id)
  WHERE kind = 'text';

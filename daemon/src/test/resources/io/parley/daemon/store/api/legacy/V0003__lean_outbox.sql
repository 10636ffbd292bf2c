-- V0003: a leaner outbox. Every message inserts one entry into each index of messages_out, and
-- each of those lands on a different page per connection, so each index costs a page written to
-- the WAL per connection per commit. Two of them were redundant or nearly always empty:
--   * UNIQUE (connection_id, agent_msg_id) repeated the primary key: the id is
--     '<connection id>.<agent_msg_id>' by construction, now enforced by a CHECK instead;
--   * UNIQUE (connection_id, idempotency_key) indexed every row, though only API sends with an
--     Idempotency-Key have one; it becomes a partial unique index over those rows.
-- SQLite cannot drop a table constraint, so the table is rebuilt (the documented procedure:
-- the migration runs with foreign keys off and checks them before it commits).

CREATE TABLE messages_out_v3 (
  id TEXT PRIMARY KEY,
  connection_id TEXT NOT NULL REFERENCES connections (id) ON DELETE CASCADE,
  -- Sequence number in the connection's sending chain (1, 2, ...).
  agent_msg_id INTEGER NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('text', 'receipt', 'control')),
  -- Plain text as the user sent it (kept for history); null for receipts and control messages.
  text TEXT,
  -- Text and receipts: the ratchet envelope, sealed in the per-queue e2e layer at each send;
  -- control messages: the complete SEND body.
  payload BLOB NOT NULL,
  -- Hash of this agent message, which the next message names as its predecessor.
  msg_hash BLOB NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('queued', 'sent', 'delivered', 'failed')),
  failure_reason TEXT,
  attempts INTEGER NOT NULL DEFAULT 0,
  -- When the delivery worker may try (again); only meaningful while queued.
  next_attempt_at INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  sent_at INTEGER,
  delivered_at INTEGER,
  -- Client-chosen key that makes a retried API call return the first message instead of a copy.
  idempotency_key TEXT,
  -- One row per sending position: the primary key is unique, and this ties it to the position.
  CHECK (id = connection_id || '.' || agent_msg_id)
) STRICT;

INSERT INTO messages_out_v3 (id, connection_id, agent_msg_id, kind, text, payload, msg_hash,
    status, failure_reason, attempts, next_attempt_at, created_at, sent_at, delivered_at,
    idempotency_key)
  SELECT id, connection_id, agent_msg_id, kind, text, payload, msg_hash, status,
    failure_reason, attempts, next_attempt_at, created_at, sent_at, delivered_at,
    idempotency_key
  FROM messages_out;

DROP TABLE messages_out;
ALTER TABLE messages_out_v3 RENAME TO messages_out;

-- The indexes of V0001 and V0002, dropped with the old table.
CREATE INDEX messages_out_due ON messages_out (next_attempt_at) WHERE status = 'queued';
CREATE INDEX messages_out_queued ON messages_out (connection_id, agent_msg_id)
  WHERE status = 'queued';
CREATE INDEX messages_out_time ON messages_out (connection_id, created_at, id)
  WHERE kind = 'text';

CREATE UNIQUE INDEX messages_out_idempotency ON messages_out (connection_id, idempotency_key)
  WHERE idempotency_key IS NOT NULL;

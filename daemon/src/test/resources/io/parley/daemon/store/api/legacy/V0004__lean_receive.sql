-- V0004: fewer pages written per message. The relay hands a queue's next message over only
-- after the previous one is acknowledged, and a message is acknowledged only once committed, so
-- a group commit holds at most one received message per connection: every index keyed by
-- connection puts each message on a page of its own, and each such page is one more 4 KiB
-- frame written (and checksummed) to the WAL per message. Measured at 16 connections, those
-- per-connection pages were well over half of what the receiving side wrote.

-- messages_in kept three indexes keyed by connection. The API pages history by
-- (received_at, id) through messages_in_time; the other two go:
--   * messages_in_history (connection_id, seq) served only the store's own paging by arrival,
--     which tests use and which now scans the connection's rows instead;
--   * messages_in_sequence (unique on connection_id, agent_msg_id) was a second guard against
--     storing one message twice. The first guard is the receiver itself: the ratchet state
--     that decrypted a message is committed in the same transaction as the message, so a
--     redelivered copy no longer decrypts (it is a duplicate) and is acknowledged unstored.
DROP INDEX messages_in_history;
DROP INDEX messages_in_sequence;

-- events_time served only retention, which now finds its cut-off by sequence number (the log
-- is appended in time order), so appending an event no longer writes this index.
DROP INDEX events_time;

-- The encrypted payload leaves the outbox row for a table of its own, and is deleted once the
-- relay has accepted the message (or it failed for good): only a queued message is ever sent
-- again. Outbox rows shrink from about 2.3 KiB (text and ciphertext) to the text alone, so the
-- status updates of neighbouring messages share pages, and sent ciphertext no longer piles up
-- on disk (it was about 1.2 KiB per message kept forever). The row gets an integer key for the
-- payload to point at. SQLite cannot add a primary key to a table, so the table is rebuilt (the
-- documented procedure: the migration runs with foreign keys off and checks them before it
-- commits).
CREATE TABLE messages_out_v4 (
  -- Insertion order; the key outbox_payloads points at.
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  connection_id TEXT NOT NULL REFERENCES connections (id) ON DELETE CASCADE,
  -- Sequence number in the connection's sending chain (1, 2, ...).
  agent_msg_id INTEGER NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('text', 'receipt', 'control')),
  -- Plain text as the user sent it (kept for history); null for receipts and control messages.
  text TEXT,
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
  -- One row per sending position: the id is unique, and this ties it to the position.
  CHECK (id = connection_id || '.' || agent_msg_id)
) STRICT;

CREATE TABLE outbox_payloads (
  message_seq INTEGER PRIMARY KEY REFERENCES messages_out_v4 (seq) ON DELETE CASCADE,
  -- Text and receipts: the ratchet envelope, sealed in the per-queue e2e layer at each send;
  -- control messages: the complete SEND body.
  payload BLOB NOT NULL
) STRICT;

INSERT INTO messages_out_v4 (id, connection_id, agent_msg_id, kind, text, msg_hash, status,
    failure_reason, attempts, next_attempt_at, created_at, sent_at, delivered_at,
    idempotency_key)
  SELECT id, connection_id, agent_msg_id, kind, text, msg_hash, status, failure_reason,
    attempts, next_attempt_at, created_at, sent_at, delivered_at, idempotency_key
  FROM messages_out ORDER BY rowid;

INSERT INTO outbox_payloads (message_seq, payload)
  SELECT n.seq, o.payload FROM messages_out o JOIN messages_out_v4 n ON n.id = o.id
  WHERE o.status = 'queued';

DROP TABLE messages_out;
ALTER TABLE messages_out_v4 RENAME TO messages_out;

-- The indexes of V0003, dropped with the old table, but for the two over queued messages
-- (by due time, and by connection): both were written twice per message (queued, then sent),
-- on a page per connection for the second, and the daemon reads queued messages only to count
-- them and at start, where the few in flight are sorted as cheaply without a key. One index in
-- insertion order replaces them, so a commit's entries share its last page.
CREATE INDEX messages_out_pending ON messages_out (seq) WHERE status = 'queued';
CREATE INDEX messages_out_time ON messages_out (connection_id, created_at, id)
  WHERE kind = 'text';
CREATE UNIQUE INDEX messages_out_idempotency ON messages_out (connection_id, idempotency_key)
  WHERE idempotency_key IS NOT NULL;

-- V0001: the agent core (connections, queues, outbox, inbox, event log, contact address).
--
-- Conventions for every table:
--   * times are epoch milliseconds (UTC) in INTEGER columns named *_at (or `time`);
--   * public ids are random url-safe TEXT (StoreIds), internal ids are INTEGER rowids;
--   * keys are raw bytes in BLOB columns; a column holding a private key says so;
--   * statuses are lower-case TEXT, each table's CHECK lists the allowed values;
--   * tables are STRICT, so a wrongly typed value is refused instead of silently stored.
-- This file is applied once, inside a transaction, and never edited after a release: a change is
-- a new V000n file. After editing, regenerate agent/schema.sql (see SchemaDumpTest).

-- connections: one row per contact, i.e. a pair of one-way queues (ours to receive, theirs to
-- send), from the invitation until deletion. The row also holds the end-to-end state: the
-- double-ratchet state and both ends of the message integrity chain (agent message id + hash of
-- the previous message), which advance in the same write unit as the message they belong to.
CREATE TABLE connections (
  id TEXT PRIMARY KEY,
  alias TEXT,
  status TEXT NOT NULL CHECK (status IN ('pending', 'joining', 'established', 'deleted')),
  role TEXT NOT NULL CHECK (role IN ('inviter', 'joiner')),
  -- 1 when the connection was requested through (or accepted from) a contact address.
  via_contact_address INTEGER NOT NULL DEFAULT 0 CHECK (via_contact_address IN (0, 1)),
  -- Serialized double-ratchet state (secret); null until X3DH has completed.
  ratchet BLOB,
  -- Own X3DH private keys (secret); kept only until the handshake completes, then nulled.
  own_x3dh BLOB,
  -- The peer's X3DH public keys, from its invitation or confirmation.
  peer_ratchet_keys BLOB,
  -- Code derived from both identity keys, compared out of band to rule out a man in the middle.
  security_code TEXT,
  -- The link of a pending invitation, to serve its QR code again; nulled once the peer joined.
  invitation TEXT,
  -- Sending side of the integrity chain: last agent message id sent and its hash.
  snd_last_msg_id INTEGER NOT NULL DEFAULT 0,
  snd_last_hash BLOB,
  -- Receiving side: last agent message id accepted in sequence and its hash.
  rcv_last_msg_id INTEGER NOT NULL DEFAULT 0,
  rcv_last_hash BLOB,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;

-- rcv_queues: queues this agent receives from, on any relay. A messaging queue belongs to one
-- connection; the contact address queue belongs to none (connection_id is null). A message
-- arrives as (relay, recipient_id), hence the unique key.
CREATE TABLE rcv_queues (
  id INTEGER PRIMARY KEY,
  connection_id TEXT REFERENCES connections (id) ON DELETE CASCADE,
  -- Relay address smp://<keyHash>@host:port.
  relay TEXT NOT NULL,
  recipient_id BLOB NOT NULL,
  sender_id BLOB NOT NULL,
  -- Private key authorizing our recipient commands (SUB, KEY, ACK, DEL, OFF).
  rcv_auth_key BLOB NOT NULL,
  -- Private DH key whose agreement with the relay's per-queue key gave delivery_key.
  rcv_dh_key BLOB NOT NULL,
  -- Shared key of the relay-to-recipient encryption layer.
  delivery_key BLOB NOT NULL,
  -- Own per-queue end-to-end DH private key (its public half is in the link we gave out).
  e2e_key BLOB NOT NULL,
  -- The sender's per-queue end-to-end DH public key, from its confirmation; null before.
  e2e_peer_key BLOB,
  mode TEXT NOT NULL CHECK (mode IN ('messaging', 'contact')),
  status TEXT NOT NULL CHECK (status IN ('new', 'confirmed', 'secured', 'active', 'deleted')),
  -- Relay message id of the last message stored from this queue: a redelivery of it (the ACK
  -- was lost) is acknowledged again instead of being stored twice.
  last_relay_msg_id BLOB,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  UNIQUE (relay, recipient_id)
) STRICT;

CREATE INDEX rcv_queues_connection ON rcv_queues (connection_id);

-- snd_queues: the peer's queues this agent sends to, one per connection and relay.
CREATE TABLE snd_queues (
  id INTEGER PRIMARY KEY,
  connection_id TEXT NOT NULL REFERENCES connections (id) ON DELETE CASCADE,
  relay TEXT NOT NULL,
  sender_id BLOB NOT NULL,
  -- Private key that signs SEND (and SKEY) once the queue is secured.
  snd_auth_key BLOB NOT NULL,
  -- Own per-queue end-to-end DH private key.
  e2e_key BLOB NOT NULL,
  -- The recipient's per-queue end-to-end DH public key, from the invitation link.
  e2e_peer_key BLOB NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('new', 'secured', 'active', 'failed')),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  UNIQUE (relay, sender_id)
) STRICT;

CREATE INDEX snd_queues_connection ON snd_queues (connection_id);

-- messages_out: the outbox. A message is ratchet-encrypted once, when it is enqueued, in the same
-- write unit that stores the advanced ratchet and sending chain, so a retry never advances the
-- ratchet and the peer never decrypts two versions of one agent message id.
CREATE TABLE messages_out (
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
  UNIQUE (connection_id, agent_msg_id),
  UNIQUE (connection_id, idempotency_key)
) STRICT;

-- Due selection scans only queued messages.
CREATE INDEX messages_out_due ON messages_out (next_attempt_at) WHERE status = 'queued';
-- Head-of-line check: is there an earlier queued message on the same connection?
CREATE INDEX messages_out_queued ON messages_out (connection_id, agent_msg_id)
  WHERE status = 'queued';

-- message_status: the timeline of each outgoing message, one row per transition (a retry is a
-- 'queued' row with the reason of the failed attempt).
CREATE TABLE message_status (
  id INTEGER PRIMARY KEY,
  message_id TEXT NOT NULL REFERENCES messages_out (id) ON DELETE CASCADE,
  status TEXT NOT NULL CHECK (status IN ('queued', 'sent', 'delivered', 'failed')),
  reason TEXT,
  at INTEGER NOT NULL
) STRICT;

CREATE INDEX message_status_message ON message_status (message_id, id);

-- messages_in: received messages after decryption and the integrity check. `seq` orders history
-- pages; `id` is the public id. Exact duplicates are dropped before insert; the partial unique
-- index is a safety net for in-sequence messages, while a message with a bad (repeated) id is
-- still stored, flagged, so the user can see that something is wrong.
CREATE TABLE messages_in (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  connection_id TEXT NOT NULL REFERENCES connections (id) ON DELETE CASCADE,
  agent_msg_id INTEGER NOT NULL,
  text TEXT NOT NULL,
  integrity TEXT NOT NULL
    CHECK (integrity IN ('ok', 'duplicate', 'skipped', 'bad_id', 'bad_hash')),
  -- The range of agent message ids that never arrived, when integrity is 'skipped'.
  skipped_from INTEGER,
  skipped_to INTEGER,
  msg_hash BLOB NOT NULL,
  received_at INTEGER NOT NULL,
  CHECK ((integrity = 'skipped') = (skipped_from IS NOT NULL AND skipped_to IS NOT NULL))
) STRICT;

CREATE UNIQUE INDEX messages_in_sequence ON messages_in (connection_id, agent_msg_id)
  WHERE integrity IN ('ok', 'skipped', 'bad_hash');
CREATE INDEX messages_in_history ON messages_in (connection_id, seq);

-- events: the durable event log that API consumers resume from by sequence number.
-- AUTOINCREMENT so a sequence number is never reused after retention deletes the newest rows.
-- No foreign key on connection_id: events outlive the connections they mention.
CREATE TABLE events (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  type TEXT NOT NULL,
  time INTEGER NOT NULL,
  connection_id TEXT,
  data TEXT NOT NULL CHECK (json_valid(data))
) STRICT;

CREATE INDEX events_time ON events (time);

-- contact_address: this agent's long-lived public address (at most one row). Anyone holding the
-- link can send a connection request to its contact-mode receive queue.
CREATE TABLE contact_address (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  rcv_queue_id INTEGER NOT NULL REFERENCES rcv_queues (id) ON DELETE CASCADE,
  link TEXT NOT NULL,
  -- 1: accept every request automatically; 0: hold it as a pending contact request.
  auto_accept INTEGER NOT NULL DEFAULT 0 CHECK (auto_accept IN (0, 1)),
  -- Sent as the first message on connections accepted from the address; null for none.
  welcome TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;

-- contact_requests: requests received on the contact address, until accepted or rejected.
CREATE TABLE contact_requests (
  id TEXT PRIMARY KEY,
  -- The requester's invitation link, joined when the request is accepted.
  invitation TEXT NOT NULL,
  -- What the requester says about itself (JSON), shown to the user before accepting.
  profile TEXT,
  status TEXT NOT NULL CHECK (status IN ('pending', 'accepted', 'rejected')),
  -- The connection created by accepting; null while pending or when rejected.
  connection_id TEXT REFERENCES connections (id) ON DELETE SET NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;

CREATE INDEX contact_requests_status ON contact_requests (status, created_at);

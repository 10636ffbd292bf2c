-- V0005: profiles. One agent serves several identities (a person, a bot, another bot), each
-- with its own display name, connections, contact address, contact requests and events, the
-- way one chat database holds several user profiles. A database from before this migration
-- gets one profile, 'default', that owns everything it held.

CREATE TABLE profiles (
  id TEXT PRIMARY KEY,
  -- Display name sent to peers in the handshake; null on the default profile means the
  -- agent's configured name.
  name TEXT,
  -- Optional short description sent with the name.
  description TEXT,
  -- 'deleting' from the unit that starts a deletion until the last of its rows is gone: such a
  -- profile is invisible, and a restart finishes the deletion.
  status TEXT NOT NULL CHECK (status IN ('active', 'deleting')),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;

INSERT INTO profiles (id, name, description, status, created_at, updated_at)
  VALUES ('default', NULL, NULL, 'active',
    CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER),
    CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));

-- Messages, queues and the outbox belong to a profile through their connection.
ALTER TABLE connections ADD COLUMN profile_id TEXT NOT NULL DEFAULT 'default'
  REFERENCES profiles (id);
-- What the peer sent about itself in the handshake (display name, description); untrusted.
ALTER TABLE connections ADD COLUMN peer_profile TEXT;
CREATE INDEX connections_profile ON connections (profile_id);

ALTER TABLE contact_requests ADD COLUMN profile_id TEXT NOT NULL DEFAULT 'default'
  REFERENCES profiles (id);

-- The profile whose stream shows the event; null for what concerns every profile (a relay
-- going up or down). No index: readers page the log by seq and skip other profiles' events.
ALTER TABLE events ADD COLUMN profile_id TEXT;
UPDATE events SET profile_id = 'default' WHERE connection_id IS NOT NULL
  OR type = 'connection.requested';

-- One contact address per profile instead of one row with id 1. SQLite cannot drop a CHECK,
-- so the table is rebuilt (the migration runs with foreign keys off and checks them before it
-- commits).
CREATE TABLE contact_address_v5 (
  profile_id TEXT PRIMARY KEY REFERENCES profiles (id),
  rcv_queue_id INTEGER NOT NULL UNIQUE REFERENCES rcv_queues (id) ON DELETE CASCADE,
  link TEXT NOT NULL,
  auto_accept INTEGER NOT NULL DEFAULT 0 CHECK (auto_accept IN (0, 1)),
  welcome TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;

INSERT INTO contact_address_v5 (profile_id, rcv_queue_id, link, auto_accept, welcome,
    created_at, updated_at)
  SELECT 'default', rcv_queue_id, link, auto_accept, welcome, created_at, updated_at
  FROM contact_address;

DROP TABLE contact_address;
ALTER TABLE contact_address_v5 RENAME TO contact_address;

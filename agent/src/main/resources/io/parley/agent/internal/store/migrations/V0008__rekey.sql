-- V0007: re-key and ratchet resync (docs/agent-protocol.md, sections on re-key and resync).
-- At most one row per connection, present only while a re-key or resync is under way or a
-- second ratchet is kept for messages still in flight. Every key here is secret.
CREATE TABLE ratchet_changes (
  connection_id TEXT PRIMARY KEY REFERENCES connections (id) ON DELETE CASCADE,
  -- An open re-key link made here: its own X3DH private keys, its secret and handle.
  link_keys BLOB,
  link_secret BLOB,
  link_handle BLOB,
  -- A second, receive-only ratchet. other_is_next = 1: the new one, promoted (it becomes the
  -- connection's ratchet) once a message decrypts under it; 0: the old one, dropped once a
  -- message decrypts under the connection's ratchet.
  other_ratchet BLOB,
  other_is_next INTEGER NOT NULL DEFAULT 0 CHECK (other_is_next IN (0, 1)),
  -- Own X3DH private keys of a resync this side asked for, until the peer answers.
  sync_keys BLOB,
  -- The new security code of a resync this side finished as the inviter: announced (event
  -- connection.ratchet_resynced) when the peer's first message under the new ratchet arrives,
  -- since only then can this side send.
  resync_code TEXT,
  -- SHA-256 of the peer's last resync keys and of the last re-key link opened here: a replay
  -- or a second use of either is refused.
  last_peer_sync BLOB,
  last_opened_link BLOB
) STRICT;

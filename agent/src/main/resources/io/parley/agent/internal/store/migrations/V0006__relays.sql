-- V0006: relays changed through the API while the daemon runs. The configured relays (the
-- daemon's settings) are the base; a relay added through the API is kept here so that it is
-- still used after a restart, and a relay retired through the API is kept here so that the
-- configuration does not bring it back. A retired relay holds none of this agent's receive
-- queues any more (retiring waits for that).
CREATE TABLE relays (
  -- The relay's address, smp://<keyHash>@host:port, as the agent stores it on queues.
  address TEXT PRIMARY KEY,
  state TEXT NOT NULL CHECK (state IN ('added', 'retired')),
  changed_at INTEGER NOT NULL
) STRICT;

-- Queue rotation (docs/agent.md 2.2). A receive queue made to replace (or join) a connection's
-- queues is 'new' until the peer says it switched (QUSE); the queue it replaces is then
-- 'draining' until its DEL succeeds, when both rows go. A send queue added by the peer's QADD
-- keeps a row here until this side has sealed its QUSE for it.
CREATE TABLE rcv_rotations (
  queue_id INTEGER PRIMARY KEY REFERENCES rcv_queues (id) ON DELETE CASCADE,
  connection_id TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('new', 'draining')),
  replaces INTEGER,
  created_at INTEGER NOT NULL
) STRICT;

CREATE TABLE snd_rotations (
  queue_id INTEGER PRIMARY KEY REFERENCES snd_queues (id) ON DELETE CASCADE,
  connection_id TEXT NOT NULL,
  created_at INTEGER NOT NULL
) STRICT;

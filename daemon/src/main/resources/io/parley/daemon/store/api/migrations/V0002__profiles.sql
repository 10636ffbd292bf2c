-- Extension "api", V0002: the API's rows belong to a profile of the agent (docs/api.md,
-- "Profiles"): a token acts in its profile only, and a consumer's cursor and a webhook read
-- that profile's events. Rows from before profiles belong to the default profile. The agent's
-- tables are not referenced (an extension never relies on the agent's schema); the daemon
-- deletes a profile's rows in the unit that starts the profile's deletion.

ALTER TABLE api_tokens ADD COLUMN profile_id TEXT NOT NULL DEFAULT 'default';
CREATE INDEX api_tokens_profile ON api_tokens (profile_id);

ALTER TABLE webhooks ADD COLUMN profile_id TEXT NOT NULL DEFAULT 'default';

-- Consumer names are chosen by each profile's clients, so two profiles may use the same one:
-- the key becomes (profile, name). SQLite cannot change a primary key, so the table is rebuilt.
CREATE TABLE event_consumers_v2 (
  profile_id TEXT NOT NULL,
  name TEXT NOT NULL,
  -- The last event sequence number acknowledged; 0 before the first acknowledgement.
  cursor INTEGER NOT NULL DEFAULT 0 CHECK (cursor >= 0),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (profile_id, name)
) STRICT;

INSERT INTO event_consumers_v2 (profile_id, name, cursor, created_at, updated_at)
  SELECT 'default', name, cursor, created_at, updated_at FROM event_consumers;

DROP TABLE event_consumers;
ALTER TABLE event_consumers_v2 RENAME TO event_consumers;

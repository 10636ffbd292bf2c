-- Extension "api", V0003: what a person marked on a connection through the API (the web console
-- shows both): how far they have read (an incoming or outgoing message id of the connection's
-- history) and when they compared security codes and marked the connection verified. One row
-- per connection that has a mark; the agent's tables are not referenced, and the daemon
-- deletes a profile's rows with the profile.

CREATE TABLE connection_marks (
  profile_id TEXT NOT NULL,
  connection_id TEXT NOT NULL,
  -- The last message read, or NULL when nothing was marked read yet.
  read_up_to TEXT,
  -- When the security code was marked compared (epoch ms), or NULL when not verified.
  verified_at INTEGER,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (profile_id, connection_id)
) STRICT;

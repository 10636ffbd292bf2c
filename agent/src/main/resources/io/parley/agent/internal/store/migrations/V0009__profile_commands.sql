-- V0007: a profile's command list (a bot's /commands), sent to peers as the third field of the
-- handshake profile text (docs/agent-protocol.md 4.2). Held in that wire form: lines of
-- name, TAB, description. Null: no commands.
ALTER TABLE profiles ADD COLUMN commands TEXT;

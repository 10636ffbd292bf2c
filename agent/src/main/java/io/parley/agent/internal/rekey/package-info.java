/**
 * Re-key through an out-of-band link and ratchet resync (docs/agent-protocol.md sections 8 and
 * 9): both start a fresh ratchet on an established connection, keeping its queues and history,
 * through the ratchet start functions the handshake uses.
 */
package io.parley.agent.internal.rekey;

/**
 * The double ratchet and X3DH key agreement between two agents (docs/ratchet.md): state,
 * headers, message keys, skipped keys and the security code. State is handed in and out for
 * the caller to persist. May use {@code crypto} and {@code codec}.
 */
package io.parley.protocol.ratchet;

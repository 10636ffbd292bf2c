package io.parley.agent.internal.e2e;

import java.util.Locale;

/**
 * Why a delivered message could not be used at all: the reason codes of the
 * {@code connection.error} event (docs/agent-protocol.md section 6). Each names the layer that
 * failed and nothing of the message, so it is safe to log.
 */
public enum Unusable {
  /** The relay's delivery encryption did not open, or what it held does not decode. */
  RELAY_LAYER,
  /** The e2e envelope's header: a version other than 1, a bad key flag, an unusable key. */
  E2E_MALFORMED,
  /** The e2e AEAD did not open. */
  E2E_UNDECRYPTABLE,
  /**
   * A message without a key before the queue's first message with one, or an agent message
   * before the connection has a ratchet.
   */
  BEFORE_CONFIRMATION,
  /** The agent envelope does not decode, or lacks the sender key its kind needs. */
  ENVELOPE_MALFORMED,
  /** A confirmation that does not fit the connection's role or state. */
  CONFIRMATION_UNEXPECTED,
  /** A confirmation whose ratchet message or connection info cannot be used. */
  CONFIRMATION_UNDECRYPTABLE,
  /** A message on a contact address that is not a request holding an invitation. */
  NOT_A_REQUEST,
  /**
   * The agent version of a message or confirmation is not the one the connection agreed or
   * offered: a post-quantum offer answered classically by a peer that announced version 2, or
   * a message of the other ratchet kind (docs/agent-protocol.md section 8.4).
   */
  DOWNGRADE,
  /** A re-key answer with no open link here, or for another link. */
  REKEY_UNEXPECTED,
  /**
   * A re-key answer whose MAC does not verify under the link's secret: its keys were
   * substituted on the way (or it was made without the link). The link is spent.
   */
  REKEY_UNAUTHENTICATED,
  /** A resync answer when this side asked for none. */
  RESYNC_UNEXPECTED;

  /** The event's reason: relay_layer, e2e_malformed, ... */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}

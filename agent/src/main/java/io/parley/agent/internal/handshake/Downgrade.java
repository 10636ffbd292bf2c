package io.parley.agent.internal.handshake;

import io.parley.protocol.agent.AgentLimits;
import io.parley.protocol.agent.ConnInfo;
import io.parley.protocol.agent.QueueUri;

/**
 * Detects a stripped post-quantum offer (docs/agent-protocol.md section 8.4). A joiner that
 * speaks agent version 2 announces it in its reply queues even when it answers classically; the
 * announcement travels inside the ratchet-encrypted connection info, so nobody on the way can
 * remove it. An inviter that offered version 2 and gets a classic answer from such a joiner
 * knows the offer was removed from the link on its way.
 */
final class Downgrade {
  private Downgrade() {}

  /** Whether the joiner announced the hybrid ratchet's agent version in its reply queues. */
  static boolean announcesPq(ConnInfo info) {
    for (QueueUri q : info.replyQueues()) {
      if (q.maxAgentVersion() >= AgentLimits.PQ_AGENT_VERSION) {
        return true;
      }
    }
    return false;
  }
}

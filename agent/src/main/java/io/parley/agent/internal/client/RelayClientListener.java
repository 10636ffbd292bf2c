package io.parley.agent.internal.client;

import io.parley.protocol.command.Response;
import io.parley.protocol.transport.RelayAddress;

/**
 * Receives what relays push and how their connections fare. Calls for one relay arrive one at a
 * time and in order, on the executor given to the {@link RelayClientPool}, never on a network
 * thread, so an implementation may block (briefly: it delays that relay's later events).
 * Calls for different relays may run concurrently.
 */
public interface RelayClientListener {
  /**
   * A message for a subscribed queue. {@code msg.encBody()} is still under the relay's delivery
   * encryption; the next message of the queue comes only after an ACK of this one.
   */
  void onMessage(RelayAddress relay, byte[] recipientId, Response.Msg msg);

  /**
   * Another connection subscribed to the queue; this client got no more deliveries for it and
   * has forgotten the subscription (it will not re-subscribe after a reconnect).
   */
  void onEnd(RelayAddress relay, byte[] recipientId);

  /**
   * A session with the relay is up, and the SUBs of the remembered subscriptions it lacked
   * have been handed to it, so commands sent from here on follow them.
   */
  void onUp(RelayAddress relay);

  /**
   * A session ended or a connection attempt failed; the client retries after a back-off.
   * {@code cause} says why; for a relay whose identity does not match the address's key hash,
   * {@link io.parley.protocol.transport.Tls#isIdentityMismatch} is true of it.
   */
  void onDown(RelayAddress relay, Throwable cause);

  /**
   * A SUB the client re-sent after a reconnect was refused by the relay (for example
   * {@code ERR AUTH} for a deleted queue). The subscription is forgotten.
   */
  default void onSubscriptionLost(RelayAddress relay, byte[] recipientId,
      RelayErrorException cause) {}

  /**
   * Whether messages taken up are not finished yet in such numbers (their store units not
   * committed) that more should wait: the connections then stop reading from their relays, as
   * for events not yet taken up, and the relays hold the rest, instead of the store refusing
   * them and the relays delivering them again.
   */
  default boolean behind() {
    return false;
  }
}

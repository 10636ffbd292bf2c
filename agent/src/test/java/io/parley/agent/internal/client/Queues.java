package io.parley.agent.internal.client;

import io.parley.protocol.codec.CodecException;
import io.parley.protocol.command.DeliveredMessage;
import io.parley.protocol.command.QueueMode;
import io.parley.protocol.command.Response;
import io.parley.protocol.crypto.CryptoException;
import io.parley.protocol.crypto.DeliveryCrypto;
import io.parley.protocol.crypto.X25519;
import io.parley.testkit.Await;

/** A queue as a test's recipient sees it: its keys and the relay's answer to NEW. */
final class Queues {
  final X25519.KeyPair recipientAuth = X25519.generate();
  final X25519.KeyPair recipientDh = X25519.generate();
  final X25519.KeyPair senderAuth = X25519.generate();
  Response.Ids ids;

  static Queues create(RelayClient client, boolean subscribe, QueueMode mode) throws Exception {
    Queues q = new Queues();
    q.ids = Await.result(client.createQueue(q.recipientAuth.privateKey(),
        q.recipientAuth.publicKey(), q.recipientDh.publicKey(), subscribe, mode));
    return q;
  }

  byte[] rid() {
    return ids.recipientId();
  }

  byte[] sid() {
    return ids.senderId();
  }

  byte[] rcvPriv() {
    return recipientAuth.privateKey();
  }

  /** Removes the relay's delivery encryption as the agent will. */
  DeliveredMessage open(Response.Msg msg) throws CryptoException, CodecException {
    byte[] key = DeliveryCrypto.deliveryKey(
        X25519.agree(recipientDh.privateKey(), ids.relayDhKey()));
    return DeliveredMessage.decodePadded(DeliveryCrypto.open(key, msg.msgId(), msg.encBody()));
  }
}

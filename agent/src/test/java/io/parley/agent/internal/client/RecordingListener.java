package io.parley.agent.internal.client;

import io.parley.protocol.command.Response;
import io.parley.protocol.transport.RelayAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** Records every listener call, with the thread it ran on, for tests to wait on. */
final class RecordingListener implements RelayClientListener {
  record Message(RelayAddress relay, byte[] recipientId, Response.Msg msg) {}

  record Down(RelayAddress relay, Throwable cause, long atNanos) {}

  final List<Message> messages = new CopyOnWriteArrayList<>();
  final List<RelayAddress> ups = new CopyOnWriteArrayList<>();
  final List<Down> downs = new CopyOnWriteArrayList<>();
  final List<byte[]> ends = new CopyOnWriteArrayList<>();
  final List<String> threads = new CopyOnWriteArrayList<>();
  /** Runs after each recorded message, as an agent would react (for example with an ACK). */
  volatile Consumer<Message> onEachMessage = m -> { };

  @Override
  public void onMessage(RelayAddress relay, byte[] recipientId, Response.Msg msg) {
    threads.add(Thread.currentThread().getName());
    Message m = new Message(relay, recipientId, msg);
    messages.add(m);
    onEachMessage.accept(m);
  }

  @Override
  public void onEnd(RelayAddress relay, byte[] recipientId) {
    threads.add(Thread.currentThread().getName());
    ends.add(recipientId);
  }

  @Override
  public void onUp(RelayAddress relay) {
    threads.add(Thread.currentThread().getName());
    ups.add(relay);
  }

  @Override
  public void onDown(RelayAddress relay, Throwable cause) {
    threads.add(Thread.currentThread().getName());
    downs.add(new Down(relay, cause, System.nanoTime()));
  }

  long upsOf(RelayAddress relay) {
    return ups.stream().filter(relay::equals).count();
  }
}

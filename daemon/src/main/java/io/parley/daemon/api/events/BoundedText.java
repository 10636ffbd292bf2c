package io.parley.daemon.api.events;

import io.undertow.connector.PooledByteBuffer;
import io.undertow.websockets.core.CloseMessage;
import io.undertow.websockets.core.StreamSourceFrameChannel;
import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.core.WebSockets;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.xnio.IoUtils;

/**
 * Reads one WebSocket text message, all its fragments, without ever holding more than the
 * limit: past it the socket is closed with 1009 and the rest is never read; a message that is
 * not UTF-8 closes it with 1007. Runs on the channel's I/O thread; one per message.
 */
final class BoundedText {
  private final WebSocketChannel channel;
  private final StreamSourceFrameChannel frames;
  private final long maxBytes;
  private final Consumer<String> onMessage;
  private final ByteArrayOutputStream received = new ByteArrayOutputStream();

  /** @param maxBytes largest message. UNIT: bytes */
  BoundedText(WebSocketChannel channel, StreamSourceFrameChannel frames, long maxBytes,
      Consumer<String> onMessage) {
    this.channel = channel;
    this.frames = frames;
    this.maxBytes = maxBytes;
    this.onMessage = onMessage;
  }

  /** Reads what has arrived; waits for the rest without blocking. */
  void read(StreamSourceFrameChannel source) {
    try (PooledByteBuffer pooled = channel.getBufferPool().allocate()) {
      ByteBuffer buffer = pooled.getBuffer();
      for (;;) {
        buffer.clear();
        int n = source.read(buffer);
        if (n == -1) {
          frames.getReadSetter().set(null);
          decode();
          return;
        }
        if (n == 0) {
          frames.getReadSetter().set(this::read);
          frames.resumeReads();
          return;
        }
        if (received.size() + (long) n > maxBytes) {
          frames.suspendReads();
          WebSockets.sendClose(CloseMessage.MSG_TOO_BIG, "a message is larger than "
              + maxBytes + " bytes", channel, null);
          return;
        }
        buffer.flip();
        byte[] chunk = new byte[n];
        buffer.get(chunk);
        received.writeBytes(chunk);
      }
    } catch (IOException e) {
      IoUtils.safeClose(channel);
    }
  }

  private void decode() {
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(received.toByteArray())).toString();
    } catch (CharacterCodingException e) {
      WebSockets.sendClose(CloseMessage.MSG_CONTAINS_INVALID_DATA, "a message is not UTF-8",
          channel, null);
      return;
    }
    onMessage.accept(text);
  }
}

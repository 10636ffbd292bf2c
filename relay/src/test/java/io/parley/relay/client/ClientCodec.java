package io.parley.relay.client;

import io.parley.protocol.ProtocolLimits;
import io.parley.protocol.Transmission;
import io.parley.protocol.codec.CodecException;
import io.parley.protocol.codec.Decoder;
import io.parley.protocol.codec.Padding;
import io.parley.protocol.command.Command;
import io.parley.protocol.command.Commands;
import io.parley.protocol.command.Response;
import io.parley.protocol.crypto.QueueAuth;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The blocking client's wire codec: the encodings of {@code Block}, {@code Transmission},
 * {@code Commands} and {@code QueueAuth}, done with as few 16 KB copies as possible so that a
 * load test measures the relay rather than its clients. Stateless apart from per-thread MACs.
 */
final class ClientCodec {
  private static final byte[] SEND_TAG = "SEND ".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] MSG_TAG = "MSG ".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] FILL = new byte[ProtocolLimits.BLOCK_BYTES];
  private static final int MAX_CONTENT = ProtocolLimits.BLOCK_BYTES - Padding.PREFIX_BYTES;
  private static final ThreadLocal<Mac> MACS = ThreadLocal.withInitial(() -> {
    try {
      return Mac.getInstance("HmacSHA256");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 unavailable", e);
    }
  });

  static {
    Arrays.fill(FILL, Padding.FILL);
  }

  private ClientCodec() {}

  /** {@link Commands#encode(Command)}, building a SEND in one copy of its body. */
  static byte[] encode(Command c) {
    if (c instanceof Command.Send s) {
      byte[] out = new byte[SEND_TAG.length + 1 + s.body().length];
      System.arraycopy(SEND_TAG, 0, out, 0, SEND_TAG.length);
      out[SEND_TAG.length] = (byte) (s.notifyFlag() ? 'T' : 'F');
      System.arraycopy(s.body(), 0, out, SEND_TAG.length + 1, s.body().length);
      return out;
    }
    return Commands.encode(c);
  }

  /**
   * {@link QueueAuth#authenticate} over the authorized bytes
   * {@code short(sessionId) ‖ short(corrId) ‖ short(entityId) ‖ command}, streamed.
   */
  static byte[] authenticate(byte[] authKey, byte[] sessionId, byte[] corrId, byte[] entityId,
      byte[] command) {
    Mac mac = MACS.get();
    try {
      mac.init(new SecretKeySpec(authKey, "HmacSHA256"));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC key rejected", e);
    }
    for (byte[] field : new byte[][] {sessionId, corrId, entityId}) {
      mac.update((byte) field.length);
      mac.update(field);
    }
    mac.update(command);
    return mac.doFinal();
  }

  /**
   * Writes transmissions packed into blocks like {@code Block.batch}, through one reused
   * buffer. Not thread-safe: the client lets one thread send at a time.
   */
  static final class BlockSender {
    private final byte[] block = new byte[ProtocolLimits.BLOCK_BYTES];
    private int pos;
    private int count;

    void send(List<Transmission> transmissions, OutputStream out) throws IOException {
      reset();
      for (Transmission t : transmissions) {
        int size = 3 + t.authorization().length + t.corrId().length + t.entityId().length
            + t.command().length;
        if (size > MAX_CONTENT - 3) {
          throw new IllegalArgumentException("transmission of " + size + " bytes too large");
        }
        if (count == ProtocolLimits.MAX_BATCH || pos + 2 + size > Padding.PREFIX_BYTES
            + MAX_CONTENT) {
          finish(out);
        }
        block[pos++] = (byte) (size >>> 8);
        block[pos++] = (byte) size;
        put(t.authorization());
        put(t.corrId());
        put(t.entityId());
        System.arraycopy(t.command(), 0, block, pos, t.command().length);
        pos += t.command().length;
        count++;
      }
      if (count > 0) {
        finish(out);
      }
      out.flush();
    }

    private void put(byte[] shortField) {
      block[pos++] = (byte) shortField.length;
      System.arraycopy(shortField, 0, block, pos, shortField.length);
      pos += shortField.length;
    }

    private void finish(OutputStream out) throws IOException {
      int content = pos - Padding.PREFIX_BYTES;
      block[0] = (byte) (content >>> 8);
      block[1] = (byte) content;
      block[2] = (byte) count;
      System.arraycopy(FILL, 0, block, pos, block.length - pos);
      out.write(block);
      reset();
    }

    private void reset() {
      pos = Padding.PREFIX_BYTES + 1;
      count = 0;
    }
  }

  /** Decodes a received block like {@code Block.decode} then each reply, in place. */
  static List<Reply> decodeBlock(byte[] block) throws CodecException {
    int content = ((block[0] & 0xFF) << 8) | (block[1] & 0xFF);
    if (content < 1 || content > block.length - Padding.PREFIX_BYTES) {
      throw new CodecException("padded length " + content + " does not fit the block", 0);
    }
    int end = Padding.PREFIX_BYTES + content;
    int count = block[Padding.PREFIX_BYTES] & 0xFF;
    if (count == 0) {
      throw new CodecException("empty batch", Padding.PREFIX_BYTES);
    }
    List<Reply> replies = new ArrayList<>(count);
    int pos = Padding.PREFIX_BYTES + 1;
    for (int i = 0; i < count; i++) {
      if (end - pos < 2) {
        throw new CodecException("transmission length runs past the batch", pos);
      }
      int length = ((block[pos] & 0xFF) << 8) | (block[pos + 1] & 0xFF);
      pos += 2;
      if (end - pos < length) {
        throw new CodecException("transmission runs past the batch", pos);
      }
      Decoder t = new Decoder(block, pos, length);
      t.shortBytes(); // authorization: relays send none
      byte[] corrId = t.shortBytes();
      byte[] entityId = t.shortBytes();
      replies.add(new Reply(corrId, entityId, response(block, t, pos + length)));
      pos += length;
    }
    if (pos != end) {
      throw new CodecException((end - pos) + " unexpected trailing bytes", pos);
    }
    return replies;
  }

  private static Response response(byte[] block, Decoder t, int end) throws CodecException {
    int at = t.position();
    if (end - at > MSG_TAG.length
        && Arrays.equals(block, at, at + MSG_TAG.length, MSG_TAG, 0, MSG_TAG.length)) {
      t.bytes(MSG_TAG.length);
      byte[] msgId = t.shortBytes(ProtocolLimits.ID_BYTES, "message id");
      return new Response.Msg(msgId, Arrays.copyOfRange(block, t.position(), end));
    }
    return Commands.decodeResponse(Arrays.copyOfRange(block, at, end));
  }
}

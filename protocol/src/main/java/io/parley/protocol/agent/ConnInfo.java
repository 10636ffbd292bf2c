package io.parley.protocol.agent;

import io.parley.protocol.codec.CodecException;
import io.parley.protocol.codec.Decoder;
import io.parley.protocol.codec.Encoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Connection info exchanged, ratchet-encrypted, in confirmations. The joiner's carries the
 * reply queues the inviter will send to; the inviter's carries none.
 *
 * <pre>
 * 'D' u8 count ‖ large(queueUri, UTF-8) × count ‖ tail(profile)      joiner
 * 'I' tail(profile)                                                 inviter
 * </pre>
 */
public record ConnInfo(List<QueueUri> replyQueues, String profile) {
  public ConnInfo {
    replyQueues = List.copyOf(replyQueues);
  }

  public byte[] encode() {
    Encoder e = new Encoder(512);
    if (replyQueues.isEmpty()) {
      e.u8('I');
    } else {
      e.u8('D').u8(replyQueues.size());
      for (QueueUri q : replyQueues) {
        e.largeBytes(q.encode().getBytes(StandardCharsets.UTF_8));
      }
    }
    return e.raw(profile.getBytes(StandardCharsets.UTF_8)).toByteArray();
  }

  public static ConnInfo decode(byte[] bytes) throws AgentFormatException {
    try {
      Decoder d = new Decoder(bytes);
      int tag = d.u8();
      List<QueueUri> queues = new ArrayList<>();
      if (tag == 'D') {
        int n = d.u8();
        if (n == 0 || n > ConnectionLink.MAX_QUEUES) {
          throw new AgentFormatException("reply queue count out of range");
        }
        for (int i = 0; i < n; i++) {
          queues.add(QueueUri.parse(new String(d.largeBytes(), StandardCharsets.UTF_8)));
        }
      } else if (tag != 'I') {
        throw new AgentFormatException("unknown connection info tag");
      }
      byte[] profile = d.tail();
      if (profile.length > AgentLimits.MAX_PROFILE_BYTES) {
        throw new AgentFormatException("profile too long");
      }
      return new ConnInfo(queues, new String(profile, StandardCharsets.UTF_8));
    } catch (CodecException e) {
      throw new AgentFormatException("malformed connection info: " + e.getMessage());
    }
  }
}

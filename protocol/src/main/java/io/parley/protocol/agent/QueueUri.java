package io.parley.protocol.agent;

import io.parley.protocol.ProtocolLimits;
import io.parley.protocol.command.QueueMode;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where and how to send to one queue: the relay, the sender id, the recipient's per-queue e2e
 * DH public key and the queue mode. Text form:
 * {@code smp://<keyHash>@<host>:<port>/<senderId>#/?v=1&dh=<key>&q=m|c} (ids and keys base64url
 * without padding).
 *
 * @param relay the relay address, {@code smp://keyHash@host:port}
 * @param maxAgentVersion the highest agent version the queue's owner speaks, announced as
 *     {@code &agent=1-2} when above 1 (docs/agent-protocol.md section 8.4); version 1 readers
 *     ignore it
 */
public record QueueUri(String relay, byte[] senderId, byte[] e2eDhKey, QueueMode mode,
    int maxAgentVersion) {
  /** Queue URI format version. */
  public static final int VERSION = 1;

  /** A queue URI announcing no agent version above 1. */
  public QueueUri(String relay, byte[] senderId, byte[] e2eDhKey, QueueMode mode) {
    this(relay, senderId, e2eDhKey, mode, AgentLimits.AGENT_VERSION);
  }

  /** The same queue announcing {@code version} as its owner's highest agent version. */
  public QueueUri announcing(int version) {
    return new QueueUri(relay, senderId, e2eDhKey, mode, version);
  }

  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getUrlDecoder();

  public String encode() {
    return relay + "/" + B64.encodeToString(senderId) + "#/?v=" + VERSION
        + "&dh=" + B64.encodeToString(e2eDhKey)
        + "&q=" + (mode == QueueMode.CONTACT ? "c" : "m")
        + (maxAgentVersion > AgentLimits.AGENT_VERSION
            ? "&agent=" + AgentLimits.AGENT_VERSION + "-" + maxAgentVersion : "");
  }

  public static QueueUri parse(String s) throws AgentFormatException {
    int hash = s.indexOf("#/?");
    int slash = hash < 0 ? -1 : s.lastIndexOf('/', hash);
    if (!s.startsWith("smp://") || hash < 0 || slash <= "smp://".length()) {
      throw new AgentFormatException("queue URI must be smp://<hash>@<host>:<port>/<id>#/?...");
    }
    String relay = s.substring(0, slash);
    byte[] sid = decode(s.substring(slash + 1, hash), "sender id");
    if (sid.length != ProtocolLimits.ID_BYTES) {
      throw new AgentFormatException("sender id must be " + ProtocolLimits.ID_BYTES + " bytes");
    }
    Map<String, String> q = query(s.substring(hash + 3));
    if (!String.valueOf(VERSION).equals(q.get("v"))) {
      throw new AgentFormatException("unsupported queue URI version");
    }
    byte[] dh = decode(required(q, "dh"), "dh key");
    if (dh.length != ProtocolLimits.X25519_KEY_BYTES) {
      throw new AgentFormatException("dh key must be 32 bytes");
    }
    QueueMode mode = switch (required(q, "q")) {
      case "m" -> QueueMode.MESSAGING;
      case "c" -> QueueMode.CONTACT;
      default -> throw new AgentFormatException("queue mode must be m or c");
    };
    return new QueueUri(relay, sid, dh, mode, announcedMax(q.get("agent")));
  }

  static Map<String, String> query(String q) throws AgentFormatException {
    Map<String, String> out = new LinkedHashMap<>();
    for (String part : q.split("&")) {
      int eq = part.indexOf('=');
      if (eq <= 0) {
        throw new AgentFormatException("malformed query parameter");
      }
      if (out.put(part.substring(0, eq), part.substring(eq + 1)) != null) {
        throw new AgentFormatException("repeated query parameter");
      }
    }
    return out;
  }

  static String required(Map<String, String> q, String name) throws AgentFormatException {
    String v = q.get(name);
    if (v == null || v.isEmpty()) {
      throw new AgentFormatException("missing parameter " + name);
    }
    return v;
  }

  static byte[] decode(String b64, String what) throws AgentFormatException {
    try {
      return B64D.decode(b64);
    } catch (IllegalArgumentException e) {
      throw new AgentFormatException(what + " is not base64url");
    }
  }

  static String encode(byte[] b) {
    return B64.encodeToString(b);
  }

  @Override
  public String toString() {
    return "QueueUri[" + mode + "]";
  }

  /** The upper end of an {@code agent=1-N} announcement; 1 when absent or not understood. */
  private static int announcedMax(String range) {
    if (range == null) {
      return AgentLimits.AGENT_VERSION;
    }
    int dash = range.indexOf('-');
    try {
      return Math.max(AgentLimits.AGENT_VERSION,
          Integer.parseInt(dash < 0 ? range : range.substring(dash + 1)));
    } catch (NumberFormatException e) {
      return AgentLimits.AGENT_VERSION;
    }
  }
}

package io.parley.protocol.agent;

import io.parley.protocol.command.QueueMode;
import io.parley.protocol.crypto.MlKem;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An out-of-band link: a one-time invitation or a long-term contact address. Everything after
 * {@code #} is the secret part, so a web server that sees the link never receives it:
 *
 * <pre>
 * parley:/invitation#/?v=1&amp;smp=&lt;urlenc(queueUri)&gt;[;&lt;urlenc(queueUri)&gt;...]
 *     &amp;e2e=&lt;key1&gt;,&lt;key2&gt;
 * parley:/contact#/?v=1&amp;smp=&lt;urlenc(queueUri)&gt;
 * </pre>
 *
 * <p>{@code e2e} carries the inviter's two X3DH public keys (base64url). Several queues may be
 * listed for redundancy. A link is a secret: never log it.
 *
 * @param ratchetKey1 inviter X3DH public key 1, or null for a contact address
 * @param ratchetKey2 inviter X3DH public key 2, or null for a contact address
 * @param kemKey the inviter's ML-KEM-768 public key when it offers the hybrid ratchet (agent
 *     version 2, docs/agent-protocol.md section 8), or null
 */
public record ConnectionLink(
    Kind kind, List<QueueUri> queues, byte[] ratchetKey1, byte[] ratchetKey2, byte[] kemKey) {

  /** Link format version. */
  public static final int VERSION = 1;
  /** Longest link accepted, so a pasted blob cannot exhaust memory. UNIT: characters. */
  public static final int MAX_LINK_CHARS = 4_096;
  /** Most queues one link may list. */
  public static final int MAX_QUEUES = 8;

  /** Invitation (one-time, with ratchet keys) or contact address (multi-use, without). */
  public enum Kind {
    INVITATION("invitation"),
    CONTACT("contact");

    private final String path;

    Kind(String path) {
      this.path = path;
    }
  }

  private static final String SCHEME = "parley:/";

  /** The agent versions a link with a KEM key announces. */
  public static final String PQ_AGENT_RANGE = "1-" + AgentLimits.PQ_AGENT_VERSION;

  public ConnectionLink {
    queues = List.copyOf(queues);
  }

  /** A link without a KEM key: classic ratchet only (agent version 1). */
  public ConnectionLink(
      Kind kind, List<QueueUri> queues, byte[] ratchetKey1, byte[] ratchetKey2) {
    this(kind, queues, ratchetKey1, ratchetKey2, null);
  }

  /** Whether the inviter offers the hybrid post-quantum ratchet. */
  public boolean offersPq() {
    return kemKey != null;
  }

  public String encode() {
    StringBuilder smp = new StringBuilder();
    for (QueueUri q : queues) {
      if (smp.length() > 0) {
        smp.append(';');
      }
      smp.append(URLEncoder.encode(q.encode(), StandardCharsets.UTF_8));
    }
    String s = SCHEME + kind.path + "#/?v=" + VERSION + "&smp=" + smp;
    if (kind == Kind.INVITATION) {
      s += "&e2e=" + QueueUri.encode(ratchetKey1) + "," + QueueUri.encode(ratchetKey2);
      if (kemKey != null) {
        s += "&agent=" + PQ_AGENT_RANGE + "&kem=" + QueueUri.encode(kemKey);
      }
    }
    return s;
  }

  public static ConnectionLink parse(String link) throws AgentFormatException {
    String s = link.strip();
    if (s.length() > MAX_LINK_CHARS) {
      throw new AgentFormatException("link longer than " + MAX_LINK_CHARS + " characters");
    }
    Kind kind = null;
    for (Kind k : Kind.values()) {
      if (s.startsWith(SCHEME + k.path + "#/?")) {
        kind = k;
      }
    }
    if (kind == null) {
      throw new AgentFormatException("not a parley:/invitation or parley:/contact link");
    }
    Map<String, String> q = QueueUri.query(s.substring(s.indexOf("#/?") + 3));
    if (!String.valueOf(VERSION).equals(q.get("v"))) {
      throw new AgentFormatException("unsupported link version");
    }
    List<QueueUri> queues = new ArrayList<>();
    for (String enc : QueueUri.required(q, "smp").split(";")) {
      queues.add(QueueUri.parse(URLDecoder.decode(enc, StandardCharsets.UTF_8)));
    }
    if (queues.size() > MAX_QUEUES) {
      throw new AgentFormatException("more than " + MAX_QUEUES + " queues");
    }
    QueueMode want = kind == Kind.CONTACT ? QueueMode.CONTACT : QueueMode.MESSAGING;
    for (QueueUri u : queues) {
      if (u.mode() != want) {
        throw new AgentFormatException("queue mode does not match the link kind");
      }
    }
    if (kind == Kind.CONTACT) {
      return new ConnectionLink(kind, queues, null, null);
    }
    String[] keys = QueueUri.required(q, "e2e").split(",");
    if (keys.length != 2) {
      throw new AgentFormatException("e2e must hold two keys");
    }
    byte[] k1 = QueueUri.decode(keys[0], "e2e key");
    byte[] k2 = QueueUri.decode(keys[1], "e2e key");
    if (k1.length != 32 || k2.length != 32) {
      throw new AgentFormatException("e2e keys must be 32 bytes");
    }
    return new ConnectionLink(kind, queues, k1, k2, kemKey(q));
  }

  /**
   * The KEM key of a link announcing agent version 2. A link that announces version 2 without
   * a usable key, or carries a key without announcing the version, has been altered: refused.
   */
  private static byte[] kemKey(Map<String, String> q) throws AgentFormatException {
    String agent = q.get("agent");
    String kem = q.get("kem");
    int max = AgentLimits.AGENT_VERSION;
    if (agent != null) {
      String[] range = agent.split("-", -1);
      try {
        int lo = Integer.parseInt(range[0]);
        max = range.length == 2 ? Integer.parseInt(range[1]) : lo;
        if (range.length > 2 || lo != AgentLimits.AGENT_VERSION || max < lo) {
          throw new AgentFormatException("bad agent version range");
        }
      } catch (NumberFormatException e) {
        throw new AgentFormatException("bad agent version range");
      }
    }
    if (max < AgentLimits.PQ_AGENT_VERSION) {
      if (kem != null) {
        throw new AgentFormatException("a KEM key without agent version 2");
      }
      return null;
    }
    if (kem == null) {
      throw new AgentFormatException("agent version 2 announced without its KEM key");
    }
    byte[] key = QueueUri.decode(kem, "kem key");
    if (key.length != MlKem.PUBLIC_KEY_BYTES) {
      throw new AgentFormatException("kem key must be " + MlKem.PUBLIC_KEY_BYTES + " bytes");
    }
    return key;
  }

  @Override
  public String toString() {
    return "ConnectionLink[" + kind + ", " + queues.size() + " queue(s)]";
  }
}

package io.parley.protocol.agent;

import io.parley.protocol.command.QueueMode;
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
 */
public record ConnectionLink(
    Kind kind, List<QueueUri> queues, byte[] ratchetKey1, byte[] ratchetKey2) {

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

  public ConnectionLink {
    queues = List.copyOf(queues);
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
    return new ConnectionLink(kind, queues, k1, k2);
  }

  @Override
  public String toString() {
    return "ConnectionLink[" + kind + ", " + queues.size() + " queue(s)]";
  }
}

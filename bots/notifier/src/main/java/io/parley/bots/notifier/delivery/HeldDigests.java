package io.parley.bots.notifier.delivery;

import io.parley.bots.notifier.format.Rendered;
import io.parley.bots.notifier.store.HeldAlerts;
import io.parley.bots.notifier.store.HeldAlerts.Held;
import io.parley.bots.notifier.store.StoreException;
import io.parley.bots.notifier.store.Subscriptions;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Delivers the alerts held back by a subscriber's rate limit as digests: one message listing
 * every held alert's first line (FIRING, RESOLVED and notices alike, oldest first), split in
 * several only when one would pass {@link #MAX_DIGEST_BYTES}. A digest goes out when the
 * subscriber's allowance has room for one more message, and takes one message of it however
 * many parts it has (at most {@link #MAX_PARTS_PER_FLUSH}). Held rows leave the database only
 * once the daemon queued their digest; a digest is sent under a key stored with its rows, so a
 * retry after a lost answer is not queued twice. Not thread-safe: the {@link Dispatcher} calls
 * it under its lock.
 */
final class HeldDigests {
  private static final System.Logger LOG = System.getLogger(HeldDigests.class.getName());
  /**
   * Largest digest message: room under the daemon's 15,000-byte text limit for the header.
   * UNIT: bytes of UTF-8.
   */
  static final int MAX_DIGEST_BYTES = 12_000;
  /** Longest line of one held alert. UNIT: characters. */
  static final int MAX_LINE_CHARS = 300;
  /**
   * Most digest messages sent for one allowance; the rest waits for the next. Bounds what one
   * burst costs a subscriber's phone.
   */
  static final int MAX_PARTS_PER_FLUSH = 3;
  /**
   * Held alerts read at once: more than fit in one digest (a line is at least ~20 bytes), so a
   * digest prepared before a failure is always read back whole.
   */
  static final int READ_LIMIT = 1_000;
  /** Random bytes in a digest's idempotency key. UNIT: bytes. */
  private static final int KEY_BYTES = 16;
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter SINCE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  private final ChatGateway gateway;
  private final HeldAlerts held;
  private final Subscriptions subscriptions;
  private final SubscriberRateLimiter limiter;
  private boolean daemonAway;

  HeldDigests(ChatGateway gateway, HeldAlerts held, Subscriptions subscriptions,
      SubscriberRateLimiter limiter) {
    this.gateway = gateway;
    this.held = held;
    this.subscriptions = subscriptions;
    this.limiter = limiter;
  }

  /**
   * The digest line of a message: its first line (status, topic, headline), and for a notice
   * without a headline the start of its text.
   */
  static String line(Rendered rendered) {
    String text = rendered.text();
    int nl = text.indexOf('\n');
    String first = nl < 0 ? text : text.substring(0, nl);
    if (rendered.headline().isEmpty() && nl >= 0) {
      int end = text.indexOf('\n', nl + 1);
      first = first + " " + text.substring(nl + 1, end < 0 ? text.length() : end);
    }
    return clip(first.strip());
  }

  /** Sends the digests of every subscriber with held alerts whose allowance has room. */
  void flushAll(Instant now) throws StoreException {
    for (String conn : held.subscribers()) {
      flush(conn, now);
    }
  }

  /**
   * Sends {@code conn}'s held alerts if its allowance has room. A daemon that cannot take them
   * now leaves them held for the next call.
   */
  void flush(String conn, Instant now) throws StoreException {
    if (!limiter.allows(conn, now)) {
      return;
    }
    int parts = 0;
    while (parts < MAX_PARTS_PER_FLUSH) {
      List<Held> rows = held.oldest(conn, READ_LIMIT);
      if (rows.isEmpty()) {
        break;
      }
      List<Held> part = nextPart(rows);
      String key = part.get(0).digestKey();
      if (key == null) {
        key = newKey();
        held.assign(part.stream().map(Held::id).toList(), key);
      }
      try {
        gateway.send(conn, render(part), key);
      } catch (RecipientGoneException e) {
        int n = held.removeAll(conn);
        subscriptions.removeAll(conn);
        LOG.log(Level.INFO, "a subscriber's connection no longer exists; dropped its "
            + "subscriptions and " + n + " held alerts");
        return;
      } catch (MessageRejectedException e) {
        LOG.log(Level.WARNING, "the daemon refused a digest of " + part.size()
            + " held alerts for a subscriber for good; they are dropped: " + e.getMessage());
        held.release(conn, key);
        continue;
      } catch (ChatUnavailableException e) {
        if (!daemonAway) {
          LOG.log(Level.WARNING, "held alerts wait for the daemon, which did not queue a "
              + "digest (" + e.getMessage() + "); retrying");
          daemonAway = true;
        }
        break;
      } catch (GatewayException e) {
        throw new IllegalStateException("unknown gateway failure", e);
      }
      if (daemonAway) {
        LOG.log(Level.INFO, "the daemon takes held alerts again");
        daemonAway = false;
      }
      held.release(conn, key);
      parts++;
    }
    if (parts > 0) {
      limiter.consume(conn, now);
    }
  }

  /**
   * The rows of the next digest message: those of a digest prepared earlier (its key is stored),
   * or as many unassigned rows, oldest first, as fit in {@link #MAX_DIGEST_BYTES}.
   */
  private static List<Held> nextPart(List<Held> rows) {
    String key = rows.get(0).digestKey();
    List<Held> part = new ArrayList<>();
    if (key != null) {
      for (Held h : rows) {
        if (key.equals(h.digestKey())) {
          part.add(h);
        }
      }
      return part;
    }
    int bytes = header(rows.size(), rows.get(0).at()).getBytes(StandardCharsets.UTF_8).length;
    for (Held h : rows) {
      if (h.digestKey() != null) {
        break;
      }
      int add = entry(h).getBytes(StandardCharsets.UTF_8).length;
      if (!part.isEmpty() && bytes + add > MAX_DIGEST_BYTES) {
        break;
      }
      bytes += add;
      part.add(h);
    }
    return part;
  }

  /** The digest message of {@code part}; the same rows always give the same text. */
  static String render(List<Held> part) {
    StringBuilder b = new StringBuilder(header(part.size(), part.get(0).at()));
    for (Held h : part) {
      b.append(entry(h));
    }
    return b.toString();
  }

  private static String header(int count, Instant oldest) {
    return "⏳ " + count + (count == 1 ? " alert" : " alerts")
        + " held back by the rate limit since " + SINCE.format(oldest)
        + ", oldest first (times UTC):";
  }

  private static String entry(Held h) {
    return "\n" + TIME.format(h.at()) + " " + h.line();
  }

  private static String clip(String s) {
    if (s.length() <= MAX_LINE_CHARS) {
      return s;
    }
    int end = MAX_LINE_CHARS - 1;
    if (Character.isHighSurrogate(s.charAt(end - 1))) {
      end--;
    }
    return s.substring(0, end) + "…";
  }

  private static String newKey() {
    byte[] b = new byte[KEY_BYTES];
    RANDOM.nextBytes(b);
    return "notifier-digest-" + HexFormat.of().formatHex(b);
  }
}

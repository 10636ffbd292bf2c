package io.parley.bots.notifier.delivery;

import io.parley.bots.notifier.alert.Alert;
import io.parley.bots.notifier.alert.AlertGroup;
import io.parley.bots.notifier.alert.AlertStatus;
import io.parley.bots.notifier.format.AlertFormatter;
import io.parley.bots.notifier.format.FiringRef;
import io.parley.bots.notifier.format.Rendered;
import io.parley.bots.notifier.store.DeliveryLedger;
import io.parley.bots.notifier.store.FiringLedger;
import io.parley.bots.notifier.store.HeldAlerts;
import io.parley.bots.notifier.store.StoreException;
import io.parley.bots.notifier.store.Subscription;
import io.parley.bots.notifier.store.Subscriptions;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Fans one alert group out to the current subscribers of its topic: formats it once, then for
 * each subscriber skips it when muted or when it repeats the last message on its thread within
 * the window; holds it in the database for a digest when the subscriber is over its rate limit
 * (or already has alerts held, so nothing overtakes them); and otherwise queues it with the
 * daemon. Returns only when every subscriber that should get it has it durably queued or held;
 * if the daemon cannot queue one, it throws {@link ChatUnavailableException} so the sender
 * retries, and the retry skips the subscribers already served (same text, same thread) and
 * reuses the failed attempt's idempotency key. Held alerts go out as digests when the rate
 * allows, from {@link #flushHeld()} (called periodically) or right after a dispatch. Groups are
 * dispatched one at a time, in arrival order. Thread-safe.
 */
public final class Dispatcher {
  private static final System.Logger LOG = System.getLogger(Dispatcher.class.getName());
  /** Thread of a topic's messages that carry no group key or fingerprint. */
  static final String UNGROUPED_THREAD = "ungrouped";
  /**
   * How often old ledger rows are pruned: each prune is a write with an fsync, too costly for
   * every alert of a burst, and rows a little past their window do no harm.
   */
  static final Duration PRUNE_INTERVAL = Duration.ofMinutes(1);

  private final ChatGateway gateway;
  private final Subscriptions subscriptions;
  private final DeliveryLedger deliveries;
  private final FiringLedger firing;
  private final AlertFormatter formatter = new AlertFormatter();
  private final DeliverySettings settings;
  private final SubscriberRateLimiter limiter;
  private final HeldAlerts held;
  private final HeldDigests digests;
  private final Clock clock;
  private Instant prunedAt = Instant.MIN;

  public Dispatcher(ChatGateway gateway, Subscriptions subscriptions, DeliveryLedger deliveries,
      FiringLedger firing, HeldAlerts held, DeliverySettings settings, Clock clock) {
    this.gateway = gateway;
    this.subscriptions = subscriptions;
    this.deliveries = deliveries;
    this.firing = firing;
    this.held = held;
    this.settings = settings;
    this.limiter = new SubscriberRateLimiter(settings.rateBurst(), settings.rateRefill());
    this.digests = new HeldDigests(gateway, held, subscriptions, limiter);
    this.clock = clock;
  }

  /**
   * Sends the digests of held alerts whose subscribers' rate allows one now. A daemon that
   * cannot take them leaves them held for the next call.
   *
   * @throws StoreException the bot's own database failed
   */
  public synchronized void flushHeld() throws StoreException {
    digests.flushAll(clock.instant());
  }

  /**
   * Forgets a connection that no longer exists: its subscriptions and its held alerts.
   *
   * @return the subscriptions removed
   */
  public synchronized int connectionGone(String connectionId) throws StoreException {
    held.removeAll(connectionId);
    return subscriptions.removeAll(connectionId);
  }

  /**
   * Delivers {@code group} to the subscribers of {@code topic} (a canonical topic name).
   *
   * @throws ChatUnavailableException the daemon could not queue it for some subscriber; the
   *     caller answers 5xx so the sender retries
   * @throws BacklogFullException a subscriber has too many alerts held; also worth a retry
   * @throws StoreException the bot's own database failed; also worth a retry
   */
  public synchronized DispatchResult dispatch(String topic, AlertGroup group)
      throws ChatUnavailableException, BacklogFullException, StoreException {
    Instant now = clock.instant();
    String key = groupKey(group);
    FiringRef resolves = key != null && group.status() == AlertStatus.RESOLVED
        ? firing.find(topic, key).orElse(null) : null;
    Rendered rendered = formatter.format(topic, group, resolves);
    String hash = sha256(rendered.text());
    String thread = key == null ? UNGROUPED_THREAD : key;
    int queued = 0;
    int duplicates = 0;
    int muted = 0;
    int heldBack = 0;
    Set<String> holding = new LinkedHashSet<>();
    int rejected = 0;
    int gone = 0;
    var subscribers = subscriptions.subscribers(topic);
    for (Subscription s : subscribers) {
      String conn = s.connectionId();
      if (s.mutedAt(now)) {
        muted++;
        continue;
      }
      if (!limiter.allows(conn, now) || held.any(conn)) {
        // Decided before preparing a send: a held alert costs one write, which counts in a burst.
        if (deliveries.delivered(conn, topic, thread, hash, now, settings.repeatWindow())) {
          duplicates++;
        } else if (held.hold(conn, topic, thread, hash, HeldDigests.line(rendered), now)) {
          holding.add(conn);
          heldBack++;
        } else {
          throw new BacklogFullException(held.maxPerSubscriber());
        }
        continue;
      }
      DeliveryLedger.Decision decision =
          deliveries.prepare(conn, topic, thread, hash, now, settings.repeatWindow());
      if (!(decision instanceof DeliveryLedger.Send send)) {
        duplicates++;
        continue;
      }
      try {
        gateway.send(conn, rendered.text(), send.idempotencyKey());
      } catch (RecipientGoneException e) {
        subscriptions.removeAll(conn);
        gone++;
        continue;
      } catch (MessageRejectedException e) {
        LOG.log(Level.WARNING, "the daemon refused an alert message for a subscriber: "
            + e.getMessage());
        rejected++;
        continue;
      } catch (ChatUnavailableException e) {
        throw e;
      } catch (GatewayException e) {
        throw new IllegalStateException("unknown gateway failure", e);
      }
      deliveries.markSent(conn, topic, thread, now);
      limiter.consume(conn, now);
      queued++;
    }
    if (key != null && group.status() == AlertStatus.FIRING) {
      firing.remember(topic, key, rendered.headline(), now);
    } else if (key != null && group.status() == AlertStatus.RESOLVED) {
      firing.forget(topic, key);
    }
    if (!now.isBefore(prunedAt.plus(PRUNE_INTERVAL))) {
      deliveries.prune(now.minus(settings.repeatWindow()));
      firing.prune(now.minus(settings.firingRetention()));
      prunedAt = now;
    }
    // The alert is safe in the database already; a digest that cannot go now goes later.
    for (String conn : holding) {
      digests.flush(conn, now);
    }
    return new DispatchResult(subscribers.size(), queued, duplicates, muted, heldBack, rejected,
        gone);
  }

  /**
   * What ties a resolved group to its firing one: the sender's group key, else the fingerprint
   * of a single-alert group; null when neither exists.
   */
  static String groupKey(AlertGroup group) {
    if (group.groupKey() != null) {
      return "group:" + group.groupKey();
    }
    if (group.alerts().size() == 1) {
      Alert only = group.alerts().get(0);
      if (only.fingerprint() != null) {
        return "alert:" + only.fingerprint();
      }
    }
    return null;
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}

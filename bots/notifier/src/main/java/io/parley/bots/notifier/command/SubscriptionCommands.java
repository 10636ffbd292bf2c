package io.parley.bots.notifier.command;

import io.parley.bots.notifier.alert.TopicName;
import io.parley.bots.notifier.store.StoreException;
import io.parley.bots.notifier.store.Subscription;
import io.parley.bots.notifier.store.Subscriptions;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;

/**
 * The subscriber commands, independent of how chat messages arrive: each takes the sender's
 * connection id and the words after the command and returns the reply text, which always names
 * the topic(s) concerned. Replies never echo an invalid argument longer than a topic name.
 * Thread-safe.
 */
public final class SubscriptionCommands {
  /** Longest mute. UNIT: minutes (7 days). */
  public static final long MAX_MUTE_MINUTES = 7 * 24 * 60;
  /** Help line of each command, for the bot's generated /help. */
  public static final String SUBSCRIBE_HELP = "/subscribe TOPIC - get the alerts sent to TOPIC";
  public static final String UNSUBSCRIBE_HELP = "/unsubscribe TOPIC - stop getting TOPIC";
  public static final String LIST_HELP = "/list - show your topics and mutes";
  public static final String MUTE_HELP = "/mute MINUTES [TOPIC] - hold back alerts for a while "
      + "(all your topics, or one); /mute 0 unmutes";
  /** The welcome message sent when someone connects. */
  public static final String WELCOME = "Hello! I forward alerts to you. Send /subscribe TOPIC "
      + "to get a topic's alerts (for example /subscribe prod), /list to see your topics, "
      + "/mute MINUTES to pause them, /help for all commands.";
  private static final System.Logger LOG = System.getLogger(SubscriptionCommands.class.getName());
  private static final String STORE_FAILED =
      "Sorry, I could not save that just now; please try again in a moment.";
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  private final Subscriptions subscriptions;
  private final Clock clock;

  public SubscriptionCommands(Subscriptions subscriptions, Clock clock) {
    this.subscriptions = subscriptions;
    this.clock = clock;
  }

  /** {@code /subscribe TOPIC}. */
  public String subscribe(String connectionId, List<String> args) {
    Optional<String> topic = oneTopic(args);
    if (topic.isEmpty()) {
      return "Usage: /subscribe TOPIC, where TOPIC is " + TopicName.RULE + ".";
    }
    String t = topic.get();
    try {
      return switch (subscriptions.add(connectionId, t, clock.instant())) {
        case ADDED -> "Subscribed to " + t + ". Alerts sent to " + t + " will come here; "
            + "/unsubscribe " + t + " stops them.";
        case ALREADY -> "You are already subscribed to " + t + ".";
        case LIMIT_REACHED -> "You cannot subscribe to " + t + ": you already follow "
            + Subscriptions.MAX_TOPICS_PER_SUBSCRIBER + " topics. /unsubscribe one first.";
      };
    } catch (StoreException e) {
      return failed(e);
    }
  }

  /** {@code /unsubscribe TOPIC}. */
  public String unsubscribe(String connectionId, List<String> args) {
    Optional<String> topic = oneTopic(args);
    if (topic.isEmpty()) {
      return "Usage: /unsubscribe TOPIC, where TOPIC is " + TopicName.RULE + ".";
    }
    String t = topic.get();
    try {
      return subscriptions.remove(connectionId, t)
          ? "Unsubscribed from " + t + ". You will get no more alerts from " + t + "."
          : "You were not subscribed to " + t + ".";
    } catch (StoreException e) {
      return failed(e);
    }
  }

  /** {@code /list}. */
  public String list(String connectionId) {
    List<Subscription> subs;
    try {
      subs = subscriptions.of(connectionId);
    } catch (StoreException e) {
      return failed(e);
    }
    if (subs.isEmpty()) {
      return "You have no subscriptions. Send /subscribe TOPIC to add one.";
    }
    Instant now = clock.instant();
    StringBuilder b = new StringBuilder("Your topics:");
    for (Subscription s : subs) {
      b.append("\n- ").append(s.topic());
      if (s.mutedAt(now)) {
        b.append(" (muted until ").append(TIME.format(s.mutedUntil())).append(')');
      }
    }
    return b.toString();
  }

  /** {@code /mute MINUTES [TOPIC]}; 0 minutes unmutes. */
  public String mute(String connectionId, List<String> args) {
    String usage = "Usage: /mute MINUTES [TOPIC], with MINUTES from 0 (unmute) to "
        + MAX_MUTE_MINUTES + ".";
    if (args.isEmpty() || args.size() > 2) {
      return usage;
    }
    long minutes;
    try {
      minutes = Long.parseLong(args.get(0));
    } catch (NumberFormatException e) {
      return usage;
    }
    if (minutes < 0 || minutes > MAX_MUTE_MINUTES) {
      return usage;
    }
    String topic = null;
    if (args.size() == 2) {
      Optional<String> t = TopicName.parse(args.get(1));
      if (t.isEmpty()) {
        return usage;
      }
      topic = t.get();
    }
    Instant until = minutes == 0
        ? Instant.EPOCH : clock.instant().plus(Duration.ofMinutes(minutes));
    List<String> changed;
    try {
      changed = subscriptions.mute(connectionId, topic, until);
    } catch (StoreException e) {
      return failed(e);
    }
    if (changed.isEmpty()) {
      return topic == null
          ? "You have no subscriptions to mute. Send /subscribe TOPIC first."
          : "You are not subscribed to " + topic + ".";
    }
    String names = String.join(", ", changed);
    return minutes == 0
        ? "Unmuted " + names + "."
        : "Muted " + names + " for " + minutes + (minutes == 1 ? " minute" : " minutes")
            + " (until " + TIME.format(until) + "). /mute 0 unmutes.";
  }

  /** The connection was deleted: drop its subscriptions. */
  public void forget(String connectionId) {
    try {
      subscriptions.removeAll(connectionId);
    } catch (StoreException e) {
      LOG.log(Level.WARNING, "cannot remove a deleted connection's subscriptions: "
          + e.getMessage());
    }
  }

  private static Optional<String> oneTopic(List<String> args) {
    return args.size() == 1 ? TopicName.parse(args.get(0)) : Optional.empty();
  }

  private static String failed(StoreException e) {
    LOG.log(Level.WARNING, e.getMessage() + ": " + e.getCause());
    return STORE_FAILED;
  }
}

package io.parley.sdk.events;

import java.time.Duration;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Where a {@link Subscription} starts, what it reads and how it reconnects. Immutable; made by
 * {@link #builder()}.
 *
 * <p>Start: by default only events newer than the subscription ({@link Builder#fromLatest()});
 * {@link Builder#fromOldest()} replays what the daemon still keeps; {@link Builder#after(long)}
 * resumes after a seq the caller stored. With a {@linkplain Builder#consumer(String) named
 * consumer} the daemon keeps the cursor instead: each event is acknowledged after the handler
 * returns, and a later subscription with the same name (say, after the bot restarted) starts
 * after the last acknowledged event; a consumer that does not exist yet is created at the start
 * point above.
 */
public final class SubscriptionOptions {
  /** Shortest wait before reconnecting. */
  public static final Duration DEFAULT_MIN_BACKOFF = Duration.ofMillis(200);
  /** Longest wait before reconnecting. */
  public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(30);
  /** How long one long-poll may wait for events (well under idle timeouts of proxies). */
  public static final Duration DEFAULT_LONG_POLL_WAIT = Duration.ofSeconds(25);
  /** How long {@link Subscription#close()} waits for the running handler. */
  public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(10);
  /** Consumer names the daemon accepts. */
  public static final Pattern CONSUMER_NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  /** Where to start when there is no consumer cursor to resume from. */
  public enum Start {
    /** Only events newer than the subscription. */
    LATEST,
    /** The oldest event the daemon still keeps. */
    OLDEST,
    /** After a given seq. */
    AFTER
  }

  private final Start start;
  private final long afterSeq;
  private final String consumer;
  private final Set<String> types;
  private final Transport transport;
  private final Duration minBackoff;
  private final Duration maxBackoff;
  private final Duration longPollWait;
  private final Duration closeTimeout;
  private final SubscriptionListener listener;

  private SubscriptionOptions(Builder b) {
    this.start = b.start;
    this.afterSeq = b.afterSeq;
    this.consumer = b.consumer;
    this.types = Set.copyOf(b.types);
    this.transport = b.transport;
    this.minBackoff = b.minBackoff;
    this.maxBackoff = b.maxBackoff;
    this.longPollWait = b.longPollWait;
    this.closeTimeout = b.closeTimeout;
    this.listener = b.listener;
  }

  /** A builder with every default: from the latest event, all types, WebSocket with fallback. */
  public static Builder builder() {
    return new Builder();
  }

  /** The defaults. */
  public static SubscriptionOptions defaults() {
    return builder().build();
  }

  /** Where to start without a consumer cursor. */
  public Start start() {
    return start;
  }

  /** The seq to start after, for {@link Start#AFTER}. */
  public OptionalLong afterSeq() {
    return start == Start.AFTER ? OptionalLong.of(afterSeq) : OptionalLong.empty();
  }

  /** The named consumer, or null. */
  public String consumer() {
    return consumer;
  }

  /** Event types wanted; empty for all. */
  public Set<String> types() {
    return types;
  }

  /** How events are read. */
  public Transport transport() {
    return transport;
  }

  /** The first reconnect delay. */
  public Duration minBackoff() {
    return minBackoff;
  }

  /** The longest reconnect delay. */
  public Duration maxBackoff() {
    return maxBackoff;
  }

  /** How long one long-poll waits for events. */
  public Duration longPollWait() {
    return longPollWait;
  }

  /** How long closing waits for the running handler. */
  public Duration closeTimeout() {
    return closeTimeout;
  }

  /** Who hears about connections, drops and failures. */
  public SubscriptionListener listener() {
    return listener;
  }

  /** Collects options. Not thread-safe. */
  public static final class Builder {
    private Start start = Start.LATEST;
    private long afterSeq;
    private String consumer;
    private Set<String> types = Set.of();
    private Transport transport = Transport.AUTO;
    private Duration minBackoff = DEFAULT_MIN_BACKOFF;
    private Duration maxBackoff = DEFAULT_MAX_BACKOFF;
    private Duration longPollWait = DEFAULT_LONG_POLL_WAIT;
    private Duration closeTimeout = DEFAULT_CLOSE_TIMEOUT;
    private SubscriptionListener listener = new SubscriptionListener() {};

    private Builder() {}

    /** Start with events newer than the subscription (the default). */
    public Builder fromLatest() {
      start = Start.LATEST;
      return this;
    }

    /** Start with the oldest event the daemon still keeps. */
    public Builder fromOldest() {
      start = Start.OLDEST;
      return this;
    }

    /** Start after {@code seq} (0 is the same as {@link #fromOldest()}). */
    public Builder after(long seq) {
      if (seq < 0) {
        throw new IllegalArgumentException("seq must not be negative");
      }
      start = Start.AFTER;
      afterSeq = seq;
      return this;
    }

    /**
     * Keep the cursor in the daemon under {@code name} (1-64 of {@code A-Z a-z 0-9 . _ -}),
     * acknowledging each event after the handler returns.
     */
    public Builder consumer(String name) {
      if (name != null && !CONSUMER_NAME.matcher(name).matches()) {
        throw new IllegalArgumentException("a consumer name is 1-64 of A-Z a-z 0-9 . _ -");
      }
      consumer = name;
      return this;
    }

    /** Only events of these types (see {@link io.parley.sdk.model.EventTypes}). */
    public Builder types(Set<String> wanted) {
      types = Set.copyOf(wanted);
      return this;
    }

    /** How to read events (default {@link Transport#AUTO}). */
    public Builder transport(Transport t) {
      transport = Objects.requireNonNull(t, "transport");
      return this;
    }

    /** Reconnect after {@code min}, doubling per failure up to {@code max}. */
    public Builder backoff(Duration min, Duration max) {
      if (min.isNegative() || min.isZero() || max.compareTo(min) < 0) {
        throw new IllegalArgumentException("need 0 < min <= max");
      }
      minBackoff = min;
      maxBackoff = max;
      return this;
    }

    /** How long one long-poll waits for events (whole seconds, at least one). */
    public Builder longPollWait(Duration wait) {
      if (wait.toSeconds() < 1) {
        throw new IllegalArgumentException("the long-poll wait is at least one second");
      }
      longPollWait = wait;
      return this;
    }

    /** How long {@link Subscription#close()} waits for the running handler. */
    public Builder closeTimeout(Duration timeout) {
      closeTimeout = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    /** Who hears about connections, drops and failures (default: nobody). */
    public Builder listener(SubscriptionListener l) {
      listener = Objects.requireNonNull(l, "listener");
      return this;
    }

    /** The options collected. */
    public SubscriptionOptions build() {
      return new SubscriptionOptions(this);
    }
  }
}

package io.parley.cli;

import io.parley.sdk.events.Subscription;
import io.parley.sdk.events.SubscriptionOptions;
import io.parley.sdk.model.Connection;
import io.parley.sdk.model.Event;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code parley watch}: the daemon's events as they happen, one line each. */
@Command(name = "watch", mixinStandardHelpOptions = true, usageHelpWidth = 100,
    description = "Print events (messages received, delivery status, connections) as they"
        + " happen, until interrupted.")
final class WatchCommand implements Parley.Action {
  /** How often the stop signal is checked while no event comes. UNIT: milliseconds. */
  static final long STOP_CHECK_MILLIS = 200;

  @Mixin DaemonOptions daemon;

  @Option(names = "--json", description = "one JSON object per event: seq, type, time,"
      + " connectionId, data")
  boolean json;

  @Option(names = "--connection", paramLabel = "CONNECTION",
      description = "only this connection's events (id, alias or peer's name)")
  String connection;

  @Option(names = "--after", paramLabel = "SEQ",
      description = "start after this event seq (as printed by --json) instead of now")
  Long after;

  @Option(names = "--count", paramLabel = "N", description = "stop after N events")
  Integer count;

  @Option(names = "--type", paramLabel = "TYPE", split = ",",
      description = "only events of these types (repeatable or comma-separated), such as"
          + " message.received")
  Set<String> types;

  @Override
  public int run(Parley.Io io, Session session) throws Exception {
    if (count != null && count < 1) {
      throw new CliFailure(Exits.USAGE, "--count must be at least 1");
    }
    String only = connection == null ? null : session.connection(connection).id();
    Map<String, String> labels = new ConcurrentHashMap<>();
    for (Connection c : session.client().connections()) {
      labels.put(c.id(), label(c));
    }
    CountDownLatch done = new CountDownLatch(1);
    AtomicLong left = new AtomicLong(count == null ? Long.MAX_VALUE : count);
    SubscriptionOptions.Builder options = SubscriptionOptions.builder();
    if (types != null && !types.isEmpty()) {
      options.types(types);
    }
    if (after != null) {
      options.after(after);
    } else {
      options.fromLatest();
    }
    try (Subscription sub = session.client().subscribe(options.build(), e -> {
      if (only != null && !only.equals(e.connectionId())) {
        return;
      }
      print(io, session, labels, e);
      if (left.decrementAndGet() == 0) {
        done.countDown();
      }
    })) {
      while (!done.await(STOP_CHECK_MILLIS, TimeUnit.MILLISECONDS)) {
        if (io.stop().getCount() == 0) {
          break;
        }
      }
    }
    return Exits.OK;
  }

  private void print(Parley.Io io, Session session, Map<String, String> labels, Event e) {
    if (json) {
      io.out().println(JsonOut.event(e));
    } else {
      String id = e.connectionId();
      String label = id == null ? "" : labels.computeIfAbsent(id, k -> k);
      if (id != null && label.equals(id)) {
        // A connection made since the start: look its alias up once it is known.
        try {
          label = label(session.client().connection(id));
          labels.put(id, label);
        } catch (RuntimeException ignored) {
          // The id itself is a fine label.
        }
      }
      io.out().println(Lines.event(e, label));
    }
    io.out().flush();
  }

  static String label(Connection c) {
    if (c.alias() != null && !c.alias().isEmpty()) {
      return Lines.printable(c.alias());
    }
    if (c.peerProfile() != null && c.peerProfile().name() != null
        && !c.peerProfile().name().isEmpty()) {
      return Lines.printable(c.peerProfile().name());
    }
    return c.id();
  }
}

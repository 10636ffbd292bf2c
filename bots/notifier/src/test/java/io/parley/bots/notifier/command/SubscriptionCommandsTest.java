package io.parley.bots.notifier.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.bots.notifier.store.NotifierStore;
import io.parley.bots.notifier.store.Subscriptions;
import io.parley.testkit.SettableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SubscriptionCommandsTest {
  @TempDir
  Path dir;
  private final SettableClock clock = new SettableClock(Instant.parse("2025-01-01T12:00:00Z"));

  private <T> T withCommands(StoreWork<T> work) throws Exception {
    try (NotifierStore store = NotifierStore.open(dir)) {
      return work.run(new SubscriptionCommands(new Subscriptions(store), clock),
          new Subscriptions(store));
    }
  }

  private interface StoreWork<T> {
    T run(SubscriptionCommands commands, Subscriptions subs) throws Exception;
  }

  @Test
  void subscribeAndUnsubscribeConfirmNamingTheTopic() throws Exception {
    withCommands((c, s) -> {
      assertEquals("Subscribed to prod. Alerts sent to prod will come here; /unsubscribe prod "
          + "stops them.", c.subscribe("conn-a", List.of("Prod")));
      assertEquals("You are already subscribed to prod.", c.subscribe("conn-a",
          List.of("prod")));
      assertEquals("Unsubscribed from prod. You will get no more alerts from prod.",
          c.unsubscribe("conn-a", List.of("prod")));
      assertEquals("You were not subscribed to prod.", c.unsubscribe("conn-a",
          List.of("prod")));
      return null;
    });
  }

  @Test
  void invalidTopicsAndMissingArgumentsGetTheUsageWithoutEchoingTheInput() throws Exception {
    withCommands((c, s) -> {
      for (List<String> args : List.of(List.<String>of(), List.of("a", "b"),
          List.of("-x"), List.of("x".repeat(65)), List.of("bad/topic"))) {
        String reply = c.subscribe("conn-a", args);
        assertTrue(reply.startsWith("Usage: /subscribe TOPIC, where TOPIC is 1-64 letters"),
            reply);
        assertTrue(c.unsubscribe("conn-a", args).startsWith("Usage: /unsubscribe TOPIC"));
      }
      assertTrue(s.of("conn-a").isEmpty());
      return null;
    });
  }

  @Test
  void subscriptionsAndMutesSurviveReopeningTheDatabase() throws Exception {
    withCommands((c, s) -> {
      c.subscribe("conn-a", List.of("prod"));
      c.subscribe("conn-a", List.of("staging"));
      c.subscribe("conn-b", List.of("prod"));
      c.mute("conn-a", List.of("30", "staging"));
      return null;
    });
    withCommands((c, s) -> {
      assertEquals(List.of("conn-a", "conn-b"), s.subscribers("prod").stream()
          .map(sub -> sub.connectionId()).toList());
      assertEquals("Your topics:\n- prod\n- staging (muted until 2025-01-01 12:30 UTC)",
          c.list("conn-a"));
      return null;
    });
    if (Files.getFileStore(dir).supportsFileAttributeView("posix")) {
      assertEquals("rw-------", PosixFilePermissions.toString(
          Files.getPosixFilePermissions(dir.resolve(NotifierStore.FILE_NAME))));
    }
  }

  @Test
  void muteCoversAllTopicsOrOneAndEndsOnTimeOrWithZero() throws Exception {
    withCommands((c, s) -> {
      assertEquals("You have no subscriptions to mute. Send /subscribe TOPIC first.",
          c.mute("conn-a", List.of("10")));
      c.subscribe("conn-a", List.of("prod"));
      c.subscribe("conn-a", List.of("staging"));
      assertEquals("Muted prod, staging for 10 minutes (until 2025-01-01 12:10 UTC). "
          + "/mute 0 unmutes.", c.mute("conn-a", List.of("10")));
      assertTrue(s.of("conn-a").stream().allMatch(x -> x.mutedAt(clock.instant())));
      clock.advance(Duration.ofMinutes(10));
      assertEquals("Your topics:\n- prod\n- staging", c.list("conn-a"));
      assertEquals("Muted staging for 1 minute (until 2025-01-01 12:11 UTC). /mute 0 unmutes.",
          c.mute("conn-a", List.of("1", "staging")));
      assertEquals("Unmuted staging.", c.mute("conn-a", List.of("0", "staging")));
      assertEquals("Your topics:\n- prod\n- staging", c.list("conn-a"));
      assertEquals("You are not subscribed to dev.", c.mute("conn-a", List.of("5", "dev")));
      return null;
    });
  }

  @Test
  void muteRefusesMinutesOutOfRangeOrNotANumber() throws Exception {
    withCommands((c, s) -> {
      c.subscribe("conn-a", List.of("prod"));
      for (List<String> args : List.of(List.of("-1"), List.of("10081"), List.of("soon"),
          List.<String>of(), List.of("1", "prod", "x"), List.of("1", "bad/topic"))) {
        assertTrue(c.mute("conn-a", args).startsWith("Usage: /mute MINUTES [TOPIC]"));
      }
      assertTrue(s.of("conn-a").stream().noneMatch(x -> x.mutedAt(clock.instant())));
      return null;
    });
  }

  @Test
  void listWithoutSubscriptionsSaysHowToSubscribe() throws Exception {
    withCommands((c, s) -> {
      assertEquals("You have no subscriptions. Send /subscribe TOPIC to add one.",
          c.list("conn-a"));
      return null;
    });
  }

  @Test
  void aSubscriberCannotFollowMoreThanTheTopicLimit() throws Exception {
    withCommands((c, s) -> {
      for (int i = 0; i < Subscriptions.MAX_TOPICS_PER_SUBSCRIBER; i++) {
        assertTrue(c.subscribe("conn-a", List.of("t" + i)).startsWith("Subscribed"));
      }
      assertEquals("You cannot subscribe to extra: you already follow 50 topics. "
          + "/unsubscribe one first.", c.subscribe("conn-a", List.of("extra")));
      return null;
    });
  }

  @Test
  void forgettingAConnectionRemovesAllItsSubscriptions() throws Exception {
    withCommands((c, s) -> {
      c.subscribe("conn-a", List.of("prod"));
      c.subscribe("conn-b", List.of("prod"));
      c.forget("conn-a");
      assertEquals(1, s.subscribers("prod").size());
      assertEquals("conn-b", s.subscribers("prod").get(0).connectionId());
      return null;
    });
  }
}

package io.parley.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.agent.model.ProfileInfo;
import io.parley.agent.testing.ChildAgent;
import io.parley.agent.testing.TestNetwork;
import io.parley.agent.testing.TestNetwork.TestAgent;
import io.parley.testkit.Await;
import io.parley.testkit.LeakCheck;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An agent killed without warning ({@code kill -9}) while it creates or deletes profiles: after
 * the restart every profile is whole or gone, and a deletion that had begun is finished, down
 * to its queues on the relay.
 */
@ExtendWith(LeakCheck.class)
class ProfileCrashTest {
  private static final Duration LONG = Duration.ofSeconds(60);

  @RegisterExtension
  final TestNetwork net = new TestNetwork();

  @Test
  void aKillDuringProfileCreationLeavesOnlyWholeProfiles() throws Exception {
    Path dir = net.dataDir("host");
    List<String> created = new ArrayList<>();
    try (ChildAgent child = ChildAgent.start(dir, net.relay().address(), "host")) {
      child.await("READY", 1, LONG);
      child.send("CREATE_PROFILES p 1000");
      for (int i = 1; i <= 3; i++) {
        created.add(child.await("CREATED", i, LONG).substring("CREATED ".length()));
      }
      child.kill();
    }

    TestAgent host = net.agent("host");
    List<ProfileInfo> profiles = host.agent().profiles();
    assertTrue(profiles.size() >= 4, "the default profile and at least three made");
    for (ProfileInfo p : profiles) {
      if (!p.isDefault()) {
        assertTrue(p.displayName().startsWith("p"), p.toString());
        assertEquals("made to be killed", p.description(), "no profile without its fields");
      }
    }
    for (String id : created) {
      AgentProfile p = host.agent().profile(id).orElseThrow();
      assertEquals(1, p.connections().size(), "a reported profile kept its invitation");
    }
    host.agent().close();
    assertEquals(List.of(), foreignKeyProblems(dir));
  }

  @Test
  void aKillDuringProfileDeletionIsFinishedAfterTheRestartDownToTheRelayQueues()
      throws Exception {
    Path dir = net.dataDir("host");
    int before = net.relay().relay().queueCount();
    String doomed;
    String kept;
    try (ChildAgent child = ChildAgent.start(dir, net.relay().address(), "host")) {
      child.await("READY", 1, LONG);
      child.send("CREATE_PROFILES d 2");
      doomed = child.await("CREATED", 1, LONG).substring("CREATED ".length());
      kept = child.await("CREATED", 2, LONG).substring("CREATED ".length());
      assertEquals(before + 2, net.relay().relay().queueCount());
      child.send("DELETE_PROFILE " + doomed);
      child.await("DELETING", 1, LONG);
      child.kill();
    }

    TestAgent host = net.agent("host");
    if (host.agent().profile(doomed).isPresent()) {
      // The kill came before the deletion's first unit: the profile is whole; delete it now.
      assertEquals(1, host.agent().profile(doomed).orElseThrow().connections().size());
      host.agent().deleteProfile(doomed, null).get(30, TimeUnit.SECONDS);
    }
    assertFalse(host.agent().profile(doomed).isPresent());
    Await.until("the deleted profile's queue left the relay",
        () -> net.relay().relay().queueCount() == before + 1);
    assertEquals(1, host.agent().profile(kept).orElseThrow().connections().size(),
        "the other profile is untouched");
    Await.until("the deleted profile's row is gone", () -> rows(dir, doomed) == 0);
    host.agent().close();
    assertEquals(List.of(), foreignKeyProblems(dir));
  }

  /** Rows that still name the profile: its own, its connections, address and requests. */
  private static int rows(Path dir, String profile) throws Exception {
    try (Connection c = open(dir); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT (SELECT count(*) FROM profiles WHERE id = '"
            + profile + "') + (SELECT count(*) FROM connections WHERE profile_id = '" + profile
            + "') + (SELECT count(*) FROM contact_address WHERE profile_id = '" + profile
            + "') + (SELECT count(*) FROM contact_requests WHERE profile_id = '" + profile
            + "')")) {
      return rs.getInt(1);
    }
  }

  private static List<String> foreignKeyProblems(Path dir) throws Exception {
    List<String> out = new ArrayList<>();
    try (Connection c = open(dir); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("PRAGMA foreign_key_check")) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }

  private static Connection open(Path dir) throws Exception {
    return DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("parley.db"));
  }
}

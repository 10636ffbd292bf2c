package io.parley.daemon.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.agent.testing.TestNetwork;
import io.parley.daemon.api.ApiClient.Resp;
import io.parley.daemon.api.security.TokenFile;
import io.parley.testkit.Await;
import io.parley.testkit.LeakCheck;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A daemon killed with kill -9 while clients create and delete profiles: after the restart
 * every profile has the token that was made with it, every token answered 201 works, and a
 * profile whose deletion was answered is gone with its tokens.
 */
@ExtendWith(LeakCheck.class)
class ProfileCrashApiTest {
  private static final int KILL_AFTER = 4;

  /** A profile answered 201, with its token. */
  private record Made(String id, String token) {}

  @Test
  void aKillWhileProfilesAreCreatedAndDeletedLeavesEachProfileWithItsTokenOrNothing(
      @TempDir Path dir) throws Exception {
    try (TestNetwork net = new TestNetwork(dir)) {
      Path data = net.dataDir("host");
      List<Made> made = new ArrayList<>();
      List<String> deleted = new ArrayList<>();
      ChildDaemon child = ChildDaemon.start(data, net.relay().address(), "host", 1);
      try {
        ApiClient owner = new ApiClient(child.port(),
            Files.readString(data.resolve(TokenFile.FILE_NAME)).trim());
        AtomicBoolean dead = new AtomicBoolean();
        CompletableFuture<Void> churn = CompletableFuture.runAsync(() -> {
          for (int i = 0; !dead.get(); i++) {
            try {
              Resp r = owner.post("/v1/profiles", Map.of("name", "p" + i));
              if (r.status() != 201) {
                continue;
              }
              Made m = new Made(r.json().get("id").asText(),
                  r.json().get("token").get("token").asText());
              synchronized (made) {
                made.add(m);
              }
              owner.withToken(m.token()).post("/v1/invitations", Map.of());
              if (i % 2 == 1 && owner.delete("/v1/profiles/" + m.id()).status() == 204) {
                synchronized (made) {
                  deleted.add(m.id());
                }
              }
            } catch (Exception e) {
              return; // the daemon was killed
            }
          }
        });
        Await.until("profiles are being made", () -> {
          synchronized (made) {
            return made.size() >= KILL_AFTER;
          }
        });
        child.kill();
        dead.set(true);
        churn.join();

        child = ChildDaemon.start(data, net.relay().address(), "host", 2);
        ApiClient again = new ApiClient(child.port(), owner.token());
        List<String> listed = again.get("/v1/profiles").json().get("profiles")
            .findValuesAsText("id");
        synchronized (made) {
          for (Made m : made) {
            Resp mine = again.withToken(m.token()).get("/v1/profiles/" + m.id());
            if (deleted.contains(m.id())) {
              assertEquals(401, mine.status(), "a deleted profile's token is gone with it");
              assertTrue(!listed.contains(m.id()));
            } else if (listed.contains(m.id())) {
              assertEquals(200, mine.status(), "the token made with the profile works");
            } else {
              // Its deletion had begun when the daemon died: it is finished, tokens included.
              assertEquals(401, mine.status());
            }
          }
        }
      } finally {
        child.close();
      }
      // No profile without the token made in its unit; no token of a missing profile.
      try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + data.resolve(
          "parley.db")); Statement s = c.createStatement()) {
        try (ResultSet rs = s.executeQuery("SELECT count(*) FROM profiles p WHERE"
            + " p.id <> 'default' AND p.status = 'active' AND NOT EXISTS"
            + " (SELECT 1 FROM api_tokens t WHERE t.profile_id = p.id)")) {
          assertEquals(0, rs.getInt(1), "a profile without its token");
        }
        try (ResultSet rs = s.executeQuery("SELECT count(*) FROM api_tokens t WHERE"
            + " t.profile_id <> 'default' AND NOT EXISTS (SELECT 1 FROM profiles p WHERE"
            + " p.id = t.profile_id AND p.status = 'active')")) {
          assertEquals(0, rs.getInt(1), "a token of a missing or deleted profile");
        }
      }
    }
  }
}

package io.parley.agent.testing;

import io.parley.agent.Agent;
import io.parley.agent.event.AgentEvent;
import io.parley.agent.internal.handshake.RotationHolds;
import io.parley.protocol.transport.RelayAddress;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An agent in a child JVM, for crash tests: {@code AgentProcess <dataDir> <relayAddress>[,...]
 * <name>}. It prints {@code READY} once started, {@code RECEIVED <text>} per message it stores,
 * {@code ESTABLISHED <connectionId>}, {@code ROTATED <connectionId>}; it reads {@code JOIN <link>}
 * (answering {@code JOINED <connectionId>}), {@code ROTATE <connectionId> <host:port>}
 * ({@code ROTATING <connectionId>} once the rotation is stored), {@code QUEUES <connectionId>}
 * ({@code QUEUES <direction>:<state> ...}) and {@code QUIT} (or end of input) from standard
 * input. The parent may also kill it at any moment. An optional fourth argument names a
 * {@link RotationHolds.Step}: the first thread reaching it prints {@code HELD <step>} and waits
 * there for good, for the parent to kill the child at that step.
 */
public final class AgentProcess {
  private AgentProcess() {}

  private static List<RelayAddress> relays(String arg) throws Exception {
    List<RelayAddress> out = new java.util.ArrayList<>();
    for (String a : arg.split(",")) {
      out.add(RelayAddress.parse(a));
    }
    return out;
  }

  public static void main(String[] args) throws Exception {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    if (args.length > 3) {
      RotationHolds.Step held = RotationHolds.Step.valueOf(args[3]);
      RotationHolds.install(step -> {
        if (step == held) {
          out.println("HELD " + step);
          while (true) {
            java.util.concurrent.locks.LockSupport.park();
          }
        }
      });
    }
    Agent agent = Agent.start(TestNetwork.config(Path.of(args[0]),
        relays(args[1]), args[2]));
    agent.addEventListener(e -> {
      if (AgentEvent.MESSAGE_RECEIVED.equals(e.type())) {
        out.println("RECEIVED " + e.data().get("text"));
      } else if (AgentEvent.CONNECTION_ESTABLISHED.equals(e.type())) {
        out.println("ESTABLISHED " + e.connectionId());
      } else if (AgentEvent.CONNECTION_ROTATED.equals(e.type())) {
        out.println("ROTATED " + e.connectionId());
      }
    });
    out.println("READY");
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in,
        StandardCharsets.UTF_8));
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      if (line.startsWith("JOIN ")) {
        String id = agent.join(line.substring(5), null).get(30, TimeUnit.SECONDS);
        out.println("JOINED " + id);
      } else if (line.startsWith("CREATE_PROFILES ")) {
        // CREATE_PROFILES prefix count: profiles, each with a pending invitation (a queue on
        // the relay); each line is printed once the profile and its invitation are stored.
        String[] words = line.split(" ");
        String prefix = words[1];
        int count = Integer.parseInt(words[2]);
        for (int i = 0; i < count; i++) {
          var p = agent.createProfile(prefix + i, "made to be killed", null)
              .get(30, TimeUnit.SECONDS);
          agent.profile(p.id()).orElseThrow().createInvitation(null).get(30, TimeUnit.SECONDS);
          out.println("CREATED " + p.id());
        }
      } else if (line.startsWith("DELETE_PROFILE ")) {
        String id = line.substring("DELETE_PROFILE ".length());
        out.println("DELETING " + id);
        agent.deleteProfile(id, null).get(30, TimeUnit.SECONDS);
        out.println("DELETED " + id);
      } else if (line.startsWith("ROTATE ")) {
        String[] words = line.split(" ");
        agent.rotate(words[1], words[2]).get(30, TimeUnit.SECONDS);
        out.println("ROTATING " + words[1]);
      } else if (line.startsWith("QUEUES ")) {
        StringBuilder b = new StringBuilder("QUEUES");
        for (var q : agent.queues(line.substring("QUEUES ".length()))) {
          b.append(' ').append(q.direction().label()).append(':').append(q.state().label());
        }
        out.println(b);
      } else if (line.equals("QUIT")) {
        break;
      }
    }
    agent.close();
    out.println("CLOSED");
  }
}

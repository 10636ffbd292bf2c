package io.parley.agent.testing;

import io.parley.agent.Agent;
import io.parley.agent.event.AgentEvent;
import io.parley.protocol.transport.RelayAddress;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An agent in a child JVM, for crash tests: {@code AgentProcess <dataDir> <relayAddress> <name>}.
 * It prints {@code READY} once started, {@code RECEIVED <text>} per message it stores,
 * {@code ESTABLISHED <connectionId>}; it reads {@code JOIN <link>} (answering
 * {@code JOINED <connectionId>}) and {@code QUIT} (or end of input) from standard input. The
 * parent may also kill it at any moment.
 */
public final class AgentProcess {
  private AgentProcess() {}

  public static void main(String[] args) throws Exception {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    Agent agent = Agent.start(TestNetwork.config(Path.of(args[0]),
        List.of(RelayAddress.parse(args[1])), args[2]));
    agent.addEventListener(e -> {
      if (AgentEvent.MESSAGE_RECEIVED.equals(e.type())) {
        out.println("RECEIVED " + e.data().get("text"));
      } else if (AgentEvent.CONNECTION_ESTABLISHED.equals(e.type())) {
        out.println("ESTABLISHED " + e.connectionId());
      }
    });
    out.println("READY");
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in,
        StandardCharsets.UTF_8));
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      if (line.startsWith("JOIN ")) {
        String id = agent.join(line.substring(5), null).get(30, TimeUnit.SECONDS);
        out.println("JOINED " + id);
      } else if (line.equals("QUIT")) {
        break;
      }
    }
    agent.close();
    out.println("CLOSED");
  }
}

package io.parley.daemon.api;

import io.parley.agent.Agent;
import io.parley.agent.testing.TestNetwork;
import io.parley.protocol.transport.RelayAddress;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * A daemon (agent + API) in a child JVM, for crash tests:
 * {@code ApiDaemonProcess <dataDir> <relayAddress> <name>}. Prints {@code API <port>} once the
 * API serves; exits on {@code QUIT} or end of input. The parent may kill it at any moment.
 */
public final class ApiDaemonProcess {
  private ApiDaemonProcess() {}

  public static void main(String[] args) throws Exception {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    Path dir = Path.of(args[0]);
    Agent agent = Agent.start(TestNetwork.config(dir, List.of(RelayAddress.parse(args[1])),
        args[2]));
    // The two-argument start, as parleyd uses it: the API opens its own database handle.
    ApiServer api = ApiServer.start(ApiConfig.builder(dir).port(0).build(), agent);
    out.println("API " + api.port());
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in,
        StandardCharsets.UTF_8));
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      if (line.equals("QUIT")) {
        break;
      }
    }
    api.close();
    agent.close();
  }
}

package com.example;

import io.parley.agent.Agent;
import io.parley.agent.AgentConfig;
import io.parley.agent.event.AgentEvent;
import io.parley.agent.model.NewInvitation;
import io.parley.protocol.transport.RelayAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Two agents in one JVM on one relay: Alice invites, Bob joins, Alice says hello. */
public final class TwoAgents {
  /** Usage: TwoAgents smp://KEYHASH@HOST:PORT [data directory]. */
  public static void main(String[] args) throws Exception {
    RelayAddress relay = RelayAddress.parse(args[0]);
    Path dir = Path.of(args.length > 1 ? args[1] : "agents");
    System.out.println("Bob received: " + exchange(relay, dir, "hello"));
  }

  /** Connects two agents through {@code relay}, sends {@code text}, returns what arrived. */
  public static String exchange(RelayAddress relay, Path dir, String text) throws Exception {
    try (Agent alice = Agent.start(AgentConfig.of(dir.resolve("alice"), List.of(relay), "Alice"));
        Agent bob = Agent.start(AgentConfig.of(dir.resolve("bob"), List.of(relay), "Bob"))) {
      // Listen before acting: a listener sees only events committed after it was added.
      CompletableFuture<String> established = new CompletableFuture<>();
      alice.addEventListener(e -> {
        if (e.type().equals(AgentEvent.CONNECTION_ESTABLISHED)) {
          established.complete(e.connectionId());
        }
      });
      CompletableFuture<String> received = new CompletableFuture<>();
      bob.addEventListener(e -> {
        if (e.type().equals(AgentEvent.MESSAGE_RECEIVED)) {
          received.complete((String) e.data().get("text"));
        }
      });

      NewInvitation invitation = alice.createInvitation("Bob").get(30, TimeUnit.SECONDS);
      // The link reaches Bob out of band (a chat, a QR code); here it is a method call.
      bob.join(invitation.link(), "Alice").get(30, TimeUnit.SECONDS);
      String connection = established.get(30, TimeUnit.SECONDS);
      alice.sendText(connection, text, null).get(30, TimeUnit.SECONDS);
      return received.get(30, TimeUnit.SECONDS);
    }
  }
}

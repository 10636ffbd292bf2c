package io.parley.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parley.sdk.model.Connection;
import io.parley.sdk.model.Event;
import java.util.List;
import java.util.Locale;

/**
 * The {@code --json} output: one JSON document per line, with the API's field names and
 * values (lower-case statuses), so a script reads what the API would have answered. Stateless.
 */
final class JsonOut {
  static final ObjectMapper MAPPER = new ObjectMapper();

  private JsonOut() {}

  static String connections(List<Connection> connections) {
    ObjectNode root = MAPPER.createObjectNode();
    ArrayNode list = root.putArray("connections");
    for (Connection c : connections) {
      list.add(connection(c));
    }
    return root.toString();
  }

  static ObjectNode connection(Connection c) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("id", c.id());
    n.put("alias", c.alias());
    n.put("status", lower(c.status()));
    n.put("role", lower(c.role()));
    n.put("viaContactAddress", c.viaContactAddress());
    if (c.peerProfile() != null) {
      ObjectNode p = n.putObject("peerProfile");
      p.put("name", c.peerProfile().name());
      p.put("description", c.peerProfile().description());
    }
    n.put("createdAt", c.createdAt() == null ? null : c.createdAt().toString());
    return n;
  }

  static String event(Event e) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("seq", e.seq());
    n.put("type", e.type());
    n.put("time", e.time() == null ? null : e.time().toString());
    n.put("connectionId", e.connectionId());
    n.set("data", e.data().isMissingNode() ? MAPPER.createObjectNode() : e.data());
    return n.toString();
  }

  static String object(Object... kv) {
    ObjectNode n = MAPPER.createObjectNode();
    for (int i = 0; i < kv.length; i += 2) {
      n.putPOJO((String) kv[i], kv[i + 1] instanceof Enum<?> en ? lower(en) : kv[i + 1]);
    }
    return n.toString();
  }

  private static String lower(Enum<?> e) {
    return e == null ? null : e.name().toLowerCase(Locale.ROOT);
  }
}

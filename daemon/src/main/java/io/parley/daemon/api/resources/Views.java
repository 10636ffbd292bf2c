package io.parley.daemon.api.resources;

import io.parley.agent.model.ConnectionInfo;
import io.parley.agent.model.ContactAddress;
import io.parley.agent.model.ContactRequestInfo;
import io.parley.agent.model.MessageInfo;
import io.parley.agent.readmodel.HistoryEntry;
import io.parley.agent.model.QueuedMessage;
import io.parley.daemon.store.api.ConsumerRow;
import io.parley.daemon.store.api.TokenRow;
import io.parley.daemon.api.webhooks.WebhookStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON shapes of the API's resources (openapi.yaml, components/schemas), built as ordered
 * maps. Times are ISO-8601 UTC strings. Stateless.
 */
final class Views {
  private Views() {}

  static Map<String, Object> connection(ConnectionInfo c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", c.id());
    m.put("alias", c.alias());
    m.put("status", c.status().label());
    m.put("role", c.role().label());
    m.put("securityCode", c.securityCode());
    m.put("viaContactAddress", c.viaContactAddress());
    m.put("pq", c.pq());
    m.put("profile", c.profileId());
    Map<String, Object> peer = null;
    if (c.peerName() != null) {
      peer = new LinkedHashMap<>();
      peer.put("name", c.peerName());
      peer.put("description", c.peerDescription());
      peer.put("commands", ProfileResource.commandsView(c.peerCommands()));
    }
    m.put("peerProfile", peer);
    m.put("createdAt", c.createdAt().toString());
    m.put("updatedAt", c.updatedAt().toString());
    return m;
  }

  static Map<String, Object> address(ContactAddress a) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("link", a.link());
    m.put("autoAccept", a.autoAccept());
    m.put("welcome", a.welcome());
    m.put("createdAt", a.createdAt().toString());
    m.put("qrPng", "/v1/address.png");
    m.put("qrSvg", "/v1/address.svg");
    return m;
  }

  static Map<String, Object> request(ContactRequestInfo r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", r.id());
    m.put("profile", r.profile());
    m.put("createdAt", r.createdAt().toString());
    return m;
  }

  static Map<String, Object> queued(QueuedMessage q) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("messageId", q.messageId());
    m.put("connectionId", q.connectionId());
    m.put("status", q.status().label());
    m.put("createdAt", q.createdAt().toString());
    return m;
  }

  static Map<String, Object> outgoing(MessageInfo i) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", i.id());
    m.put("direction", "out");
    m.put("connectionId", i.connectionId());
    m.put("text", i.text());
    m.put("status", i.status().label());
    m.put("failureReason", i.failureReason());
    m.put("attempts", i.attempts());
    m.put("createdAt", i.createdAt().toString());
    List<Map<String, Object>> timeline = new ArrayList<>();
    for (MessageInfo.StatusChange c : i.timeline()) {
      Map<String, Object> t = new LinkedHashMap<>();
      t.put("status", c.status().label());
      t.put("reason", c.reason());
      t.put("at", c.at().toString());
      timeline.add(t);
    }
    m.put("timeline", timeline);
    return m;
  }

  /** A history entry (either direction) or a received message looked up by id. */
  static Map<String, Object> history(HistoryEntry r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", r.id());
    m.put("direction", r.incoming() ? "in" : "out");
    m.put("connectionId", r.connectionId());
    m.put("text", r.text());
    m.put("time", time(r.at()));
    if (r.incoming()) {
      Map<String, Object> integrity = new LinkedHashMap<>();
      integrity.put("kind", r.state());
      if (r.skippedFrom() != null) {
        integrity.put("from", r.skippedFrom());
        integrity.put("to", r.skippedTo());
      }
      m.put("integrity", integrity);
    } else {
      m.put("status", r.state());
      m.put("failureReason", r.failureReason());
    }
    return m;
  }

  static Map<String, Object> consumer(ConsumerRow c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", c.name());
    m.put("cursor", c.cursor());
    m.put("createdAt", time(c.createdAt()));
    m.put("updatedAt", time(c.updatedAt()));
    return m;
  }

  static Map<String, Object> webhook(WebhookStatus s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", s.row().id());
    m.put("url", s.row().url());
    m.put("types", s.row().types());
    m.put("cursor", s.row().cursor());
    m.put("pending", s.pending());
    m.put("attempts", s.row().attempts());
    m.put("lastError", s.row().lastError());
    m.put("lastErrorAt", s.row().lastErrorAt() == null ? null : time(s.row().lastErrorAt()));
    m.put("lastSuccessAt",
        s.row().lastSuccessAt() == null ? null : time(s.row().lastSuccessAt()));
    m.put("createdAt", time(s.row().createdAt()));
    return m;
  }

  static Map<String, Object> token(TokenRow t) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", t.id());
    m.put("name", t.name());
    m.put("scope", t.scope().label());
    m.put("profile", t.profileId());
    m.put("createdAt", time(t.createdAt()));
    return m;
  }

  static String time(long epochMillis) {
    return Instant.ofEpochMilli(epochMillis).toString();
  }
}

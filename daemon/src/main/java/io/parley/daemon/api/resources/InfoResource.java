package io.parley.daemon.api.resources;

import io.parley.agent.Agent;
import io.parley.agent.AgentProfile;
import io.parley.daemon.api.events.EventHub;
import io.parley.daemon.api.http.Endpoint;
import io.parley.daemon.api.http.Reply;
import io.parley.daemon.api.http.Routes;
import io.parley.daemon.api.security.Access;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /v1/info}: versions, the event log's extent and retention, the caller's profile
 * with its connection count and whether it has a contact address, and the relays' last known
 * state. Thread-safe.
 */
public final class InfoResource {
  /** The API version in the paths ({@code /v1}). */
  public static final int API_VERSION = 1;

  private final String version;
  /** UNIT: milliseconds. */
  private final long retentionMillis;
  private final Agent agent;
  private final EventHub hub;
  private final RelayTracker relays;

  /** @param retentionMillis how long events are kept, for clients. UNIT: milliseconds */
  public InfoResource(String version, long retentionMillis, Agent agent, EventHub hub,
      RelayTracker relays) {
    this.version = version;
    this.retentionMillis = retentionMillis;
    this.agent = agent;
    this.hub = hub;
    this.relays = relays;
  }

  public void register(Routes routes) {
    routes.get("/v1/info", Access.ADMIN, Endpoint.of(call -> {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("version", version);
      m.put("apiVersion", API_VERSION);
      Map<String, Object> events = new LinkedHashMap<>();
      events.put("latestSeq", Math.max(hub.latestSeq(), hub.latestStoredSeq()));
      events.put("oldestSeq", hub.expiredUpTo() + 1);
      events.put("retentionSeconds", retentionMillis / 1000);
      m.put("events", events);
      AgentProfile profile = new Scope(agent).of(call);
      m.put("profile", profile.id());
      m.put("connections", profile.connections().size());
      m.put("contactAddress", profile.address().isPresent());
      List<Map<String, Object>> rs = new ArrayList<>();
      relays.snapshot().forEach((address, state) -> {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("address", address);
        r.put("up", state.up());
        r.put("since", state.since().toString());
        rs.add(r);
      });
      m.put("relays", rs);
      return Reply.json(200, m);
    }));
  }
}

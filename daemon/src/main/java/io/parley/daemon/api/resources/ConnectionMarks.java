package io.parley.daemon.api.resources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parley.agent.AgentProfile;
import io.parley.agent.model.ConnectionInfo;
import io.parley.agent.readmodel.HistoryEntry;
import io.parley.agent.readmodel.MessageHistory;
import io.parley.agent.store.StoreException;
import io.parley.daemon.api.http.ApiException;
import io.parley.daemon.api.http.BodyPolicy;
import io.parley.daemon.api.http.Call;
import io.parley.daemon.api.http.Endpoint;
import io.parley.daemon.api.http.Json;
import io.parley.daemon.api.http.Reply;
import io.parley.daemon.api.http.Routes;
import io.parley.daemon.api.security.Access;
import io.parley.daemon.store.api.ApiStore;
import io.parley.daemon.store.api.MarkRow;
import io.parley.daemon.store.api.TokenScope;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a person marks on a connection (docs/api.md, "Read marker and verification"): read up
 * to a message ({@code POST /v1/connections/{id}/read}) and security code verified
 * ({@code PUT /v1/connections/{id}/verified}). Connection views carry {@code verified} and, for
 * admin tokens (which may read history), {@code unread} and {@code lastMessage}. Thread-safe.
 */
final class ConnectionMarks {
  /** Unread messages are counted up to this many; the view says "at least" beyond. */
  static final int MAX_UNREAD_COUNTED = 99;

  private final Scope scope;
  private final ApiStore store;

  ConnectionMarks(Scope scope, ApiStore store) {
    this.scope = scope;
    this.store = store;
  }

  void register(Routes routes) {
    routes.post("/v1/connections/{id}/read", Access.ADMIN, BodyPolicy.JSON,
        Endpoint.of(this::read));
    routes.put("/v1/connections/{id}/verified", Access.ADMIN, BodyPolicy.JSON,
        Endpoint.of(this::verified));
    routes.get("/v1/connections/{id}/security-code.svg", Access.ADMIN,
        Endpoint.of(this::securityCodeQr));
  }

  private Reply securityCodeQr(Call call) throws ApiException {
    String code = scope.of(call).connection(call.path("id")).orElseThrow(
        () -> ApiException.notFound("no such connection")).securityCode();
    if (code == null) {
      throw ApiException.notFound("the security code exists once the connection is established");
    }
    return QrReplies.svg(code);
  }

  /** A connection's view with its marks (and, for admin callers, unread and last message). */
  Map<String, Object> view(Call call, AgentProfile profile, ConnectionInfo c, MarkRow mark)
      throws Exception {
    Map<String, Object> m = new LinkedHashMap<>(Views.connection(c));
    m.put("verified", mark.verifiedAtMillis() != null);
    m.put("verifiedAt", mark.verifiedAtMillis() == null ? null
        : Views.time(mark.verifiedAtMillis()));
    if (call.principal().scope() == TokenScope.ADMIN) {
      List<HistoryEntry> latest = profile.history().latest(c.id(), 1);
      m.put("lastMessage", latest.isEmpty() ? null : Views.history(latest.get(0)));
      m.put("unread", unread(profile.history(), c.id(), mark.readUpTo()));
    }
    return m;
  }

  MarkRow mark(Call call, String connectionId) throws Exception {
    String profileId = call.principal().profileId();
    return store.read(tx -> tx.marks().find(profileId, connectionId));
  }

  Map<String, MarkRow> marks(Call call) throws Exception {
    String profileId = call.principal().profileId();
    Map<String, MarkRow> byId = new LinkedHashMap<>();
    for (MarkRow r : store.read(tx -> tx.marks().list(profileId))) {
      byId.put(r.connectionId(), r);
    }
    return byId;
  }

  private static int unread(MessageHistory history, String connectionId, String readUpTo)
      throws StoreException {
    // A marker retention has removed reads as "nothing read": the newest page counts.
    Optional<List<HistoryEntry>> after = readUpTo == null ? Optional.empty()
        : history.after(connectionId, readUpTo, MAX_UNREAD_COUNTED);
    List<HistoryEntry> page = after.isPresent() ? after.get()
        : history.latest(connectionId, MAX_UNREAD_COUNTED);
    return (int) page.stream().filter(HistoryEntry::incoming).count();
  }

  private Reply read(Call call) throws Exception {
    String conn = call.path("id");
    AgentProfile profile = connectionOf(call, conn);
    String upTo = Json.requiredString(call.json(), "upTo");
    if (profile.history().after(conn, upTo, 1).isEmpty()) {
      throw ApiException.notFound("no such message in this connection's history");
    }
    String profileId = call.principal().profileId();
    store.write(tx -> {
      tx.marks().read(profileId, conn, upTo);
      return null;
    });
    return Reply.noContent();
  }

  private Reply verified(Call call) throws Exception {
    String conn = call.path("id");
    AgentProfile profile = connectionOf(call, conn);
    ObjectNode body = call.json();
    JsonNode v = body.get("verified");
    if (v == null || !v.isBoolean()) {
      throw ApiException.badRequest("'verified' must be true or false");
    }
    String profileId = call.principal().profileId();
    store.write(tx -> {
      tx.marks().verified(profileId, conn, v.booleanValue());
      return null;
    });
    ConnectionInfo info = profile.connectionOnRecord(conn).orElseThrow(
        () -> ApiException.notFound("no such connection"));
    return Reply.json(200, view(call, profile, info, mark(call, conn)));
  }

  private AgentProfile connectionOf(Call call, String conn) throws ApiException {
    AgentProfile profile = scope.of(call);
    if (profile.connection(conn).isEmpty()) {
      throw ApiException.notFound("no such connection");
    }
    return profile;
  }
}

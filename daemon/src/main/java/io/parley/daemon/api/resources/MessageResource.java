package io.parley.daemon.api.resources;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parley.agent.Agent;
import io.parley.agent.AgentProfile;
import io.parley.agent.model.MessageInfo;
import io.parley.agent.readmodel.HistoryEntry;
import io.parley.agent.readmodel.MessageHistory;
import io.parley.daemon.api.http.ApiException;
import io.parley.daemon.api.http.BodyPolicy;
import io.parley.daemon.api.http.Call;
import io.parley.daemon.api.http.Endpoint;
import io.parley.daemon.api.http.Json;
import io.parley.daemon.api.http.Reply;
import io.parley.daemon.api.http.Routes;
import io.parley.daemon.api.security.Access;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.regex.Pattern;

/**
 * Messages: send a text ({@code text/plain} body or JSON {@code {text}}, with an optional
 * {@code Idempotency-Key}), read one message with its status timeline, and page through a
 * connection's history in both directions. Sending admits send tokens. Thread-safe.
 */
public final class MessageResource {
  /** Longest idempotency key. UNIT: characters. */
  public static final int MAX_IDEMPOTENCY_KEY_CHARS = 200;
  /** History page size when {@code limit} is not given. */
  public static final int DEFAULT_HISTORY_LIMIT = 50;
  private static final Pattern VISIBLE_ASCII = Pattern.compile("[\\x21-\\x7e]+");

  private final Scope scope;

  public MessageResource(Agent agent) {
    this.scope = new Scope(agent);
  }

  public void register(Routes routes) {
    routes.post("/v1/connections/{id}/messages", Access.SEND, BodyPolicy.JSON_OR_TEXT,
        this::send);
    routes.get("/v1/connections/{id}/messages", Access.ADMIN, Endpoint.of(this::history));
    routes.get("/v1/messages/{id}", Access.ADMIN, Endpoint.of(this::get));
  }

  private CompletionStage<Reply> send(Call call) throws ApiException {
    String text;
    if (call.hasTextBody()) {
      text = call.text();
    } else {
      ObjectNode body = call.json();
      text = Json.requiredString(body, "text");
    }
    String key = call.header("Idempotency-Key");
    if (key != null && (key.length() > MAX_IDEMPOTENCY_KEY_CHARS
        || !VISIBLE_ASCII.matcher(key).matches())) {
      throw ApiException.badRequest("Idempotency-Key must be 1-" + MAX_IDEMPOTENCY_KEY_CHARS
          + " visible ASCII characters");
    }
    return scope.of(call).sendText(call.path("id"), text, key).thenApply(q ->
        Reply.json(202, Views.queued(q)).withHeader("Location", "/v1/messages/" + q.messageId()));
  }

  private Reply get(Call call) throws Exception {
    String id = call.path("id");
    AgentProfile profile = scope.of(call);
    Optional<MessageInfo> out = profile.message(id);
    if (out.isPresent()) {
      return Reply.json(200, Views.outgoing(out.get()));
    }
    Optional<HistoryEntry> in = profile.history().incoming(id);
    if (in.isPresent()) {
      return Reply.json(200, Views.history(in.get()));
    }
    throw ApiException.notFound("no such message");
  }

  private Reply history(Call call) throws Exception {
    String conn = call.path("id");
    AgentProfile profile = scope.of(call);
    if (profile.connectionOnRecord(conn).isEmpty()) {
      throw ApiException.notFound("no such connection");
    }
    int limit = (int) call.queryLong("limit", DEFAULT_HISTORY_LIMIT, 1,
        MessageHistory.MAX_PAGE_SIZE);
    Optional<String> before = call.query("before");
    Optional<String> after = call.query("after");
    if (before.isPresent() && after.isPresent()) {
      throw ApiException.badRequest("give either 'before' or 'after', not both");
    }
    MessageHistory history = profile.history();
    List<HistoryEntry> page = before.isEmpty() && after.isEmpty()
        ? history.latest(conn, limit)
        : (before.isPresent() ? history.before(conn, before.get(), limit)
            : history.after(conn, after.get(), limit))
            .orElseThrow(() -> ApiException.notFound(
                "no such message in this connection's history"));
    return Reply.json(200, Map.of("messages", page.stream().map(Views::history).toList()));
  }
}

package io.parley.daemon.api.resources;

import io.parley.daemon.api.events.Cursors;
import io.parley.daemon.api.events.EventHub;
import io.parley.daemon.api.http.ApiException;
import io.parley.daemon.api.http.BodyPolicy;
import io.parley.daemon.api.http.Call;
import io.parley.daemon.api.http.Endpoint;
import io.parley.daemon.api.http.Json;
import io.parley.daemon.api.http.Reply;
import io.parley.daemon.api.http.Routes;
import io.parley.daemon.api.security.Access;
import io.parley.daemon.store.api.ApiStore;
import io.parley.daemon.store.api.ConsumerRow;
import java.util.Map;

/**
 * Named consumers: server-side cursors into the event log. {@code GET /v1/events?consumer=}
 * reads after the cursor; {@code POST /v1/consumers/{name}/ack {"seq"}} moves it forward
 * (creating the consumer on first use). Thread-safe.
 */
public final class ConsumerResource {
  private final ApiStore store;
  private final EventHub hub;

  public ConsumerResource(ApiStore store, EventHub hub) {
    this.store = store;
    this.hub = hub;
  }

  public void register(Routes routes) {
    routes.get("/v1/consumers", Access.ADMIN, Endpoint.of(call -> Reply.json(200,
        Map.of("consumers", store.read(tx -> tx.consumers().list(call.principal().profileId())).stream()
            .map(Views::consumer).toList()))));
    routes.get("/v1/consumers/{name}", Access.ADMIN, Endpoint.of(this::get));
    routes.post("/v1/consumers/{name}/ack", Access.ADMIN, BodyPolicy.JSON,
        Endpoint.of(this::ack));
    routes.delete("/v1/consumers/{name}", Access.ADMIN, Endpoint.of(this::delete));
  }

  private Reply get(Call call) throws Exception {
    String name = Cursors.consumerName(call.path("name"));
    String profile = call.principal().profileId();
    ConsumerRow row = store.read(tx -> tx.consumers().find(profile, name))
        .orElseThrow(() -> ApiException.notFound("no such consumer"));
    return Reply.json(200, Views.consumer(row));
  }

  private Reply ack(Call call) throws Exception {
    String name = Cursors.consumerName(call.path("name"));
    long seq = Json.requiredSeq(call.json(), "seq");
    if (seq > hub.latestSeq() && seq > hub.latestStoredSeq()) {
      throw ApiException.badRequest("'seq' is beyond the newest event");
    }
    String profile = call.principal().profileId();
    return Reply.json(200, Views.consumer(store.write(
        tx -> tx.consumers().ack(profile, name, seq))));
  }

  private Reply delete(Call call) throws Exception {
    String name = Cursors.consumerName(call.path("name"));
    String profile = call.principal().profileId();
    if (!store.write(tx -> tx.consumers().delete(profile, name))) {
      throw ApiException.notFound("no such consumer");
    }
    return Reply.noContent();
  }
}

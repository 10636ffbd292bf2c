package io.parley.sdk;

import com.fasterxml.jackson.databind.JavaType;
import io.parley.sdk.error.NotFoundException;
import io.parley.sdk.error.ParleyException;
import io.parley.sdk.events.EventHandler;
import io.parley.sdk.events.Subscription;
import io.parley.sdk.events.SubscriptionOptions;
import io.parley.sdk.internal.ApiPaths;
import io.parley.sdk.internal.Endpoint;
import io.parley.sdk.internal.HttpApi;
import io.parley.sdk.internal.HttpApi.Body;
import io.parley.sdk.internal.Json;
import io.parley.sdk.internal.SubscriptionLoop;
import io.parley.sdk.model.Connection;
import io.parley.sdk.model.Consumer;
import io.parley.sdk.model.ContactAddress;
import io.parley.sdk.model.ContactRequest;
import io.parley.sdk.model.DaemonInfo;
import io.parley.sdk.model.EventPage;
import io.parley.sdk.model.EventQuery;
import io.parley.sdk.model.HistoryQuery;
import io.parley.sdk.model.Invitation;
import io.parley.sdk.model.Message;
import io.parley.sdk.model.QueuedMessage;
import java.time.Duration;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionException;

/**
 * The Parley daemon's local API as Java calls. Every call is synchronous, authenticated with the
 * configured token, and fails with a typed {@link ParleyException} subclass per HTTP status
 * ({@link NotFoundException} for 404, and so on). Events arrive through
 * {@link #subscribe(SubscriptionOptions, EventHandler)} (WebSocket with reconnect and resume)
 * or one long-poll at a time through {@link #events(EventQuery)}.
 *
 * <pre>{@code
 * ParleyClient parley = ParleyClient.fromEnvironment();   // PARLEY_API, PARLEY_TOKEN_FILE
 * Invitation inv = parley.createInvitation("alice");
 * }</pre>
 *
 * <p>Thread-safe: share one client across threads. It holds no resources that need closing;
 * close the {@link Subscription}s it returns.
 */
public final class ParleyClient {
  private final ParleyConfig config;
  private final HttpApi http;
  private final Webhooks webhooks;
  private final Tokens tokens;
  private final Profiles profiles;

  private ParleyClient(ParleyConfig config) {
    this.config = config;
    this.http = new HttpApi(new Endpoint(config.api(), config.token(), config.connectTimeout(),
        config.requestTimeout()));
    this.webhooks = new Webhooks(http);
    this.tokens = new Tokens(http);
    this.profiles = new Profiles(http);
  }

  /** A client for {@code config}. */
  public static ParleyClient create(ParleyConfig config) {
    return new ParleyClient(Objects.requireNonNull(config, "config"));
  }

  /**
   * A client configured from the process environment ({@link ParleyConfig#fromEnvironment()}).
   *
   * @throws io.parley.sdk.error.ParleyConfigException if no token is configured
   */
  public static ParleyClient fromEnvironment() {
    return create(ParleyConfig.fromEnvironment());
  }

  /** The configuration this client uses. */
  public ParleyConfig config() {
    return config;
  }

  // --- daemon -------------------------------------------------------------------------------

  /** Whether the daemon answers and its store works; false when it is down or unhealthy. */
  public boolean isHealthy() {
    try {
      http.call("GET", "/v1/health", Body.NONE, Map.class);
      return true;
    } catch (ParleyException e) {
      return false;
    }
  }

  /** Versions, the event log's extent, and relay states. */
  public DaemonInfo info() {
    return http.call("GET", "/v1/info", Body.NONE, DaemonInfo.class);
  }

  // --- connections --------------------------------------------------------------------------

  /** Creates a one-time invitation; its connection is pending until the peer joins. */
  public Invitation createInvitation() {
    return createInvitation(null);
  }

  /**
   * Creates a one-time invitation.
   *
   * @param alias the local name for the peer, or null
   */
  public Invitation createInvitation(String alias) {
    return http.call("POST", "/v1/invitations", Body.json(fields("alias", alias)),
        Invitation.class);
  }

  /** Joins an invitation or contact address link; returns the new connection's id. */
  public String join(String link) {
    return join(link, null);
  }

  /**
   * Joins an invitation or contact address link.
   *
   * @param alias the local name for the peer, or null
   * @return the new connection's id; it becomes established when the peer confirms
   */
  public String join(String link, String alias) {
    Objects.requireNonNull(link, "link");
    return http.call("POST", "/v1/connections", Body.json(fields("link", link, "alias", alias)),
        ConnectionRef.class).connectionId();
  }

  /** Every connection (deleted ones excepted). */
  public List<Connection> connections() {
    return http.call("GET", "/v1/connections", Body.NONE, ConnectionList.class).connections();
  }

  /** One connection, including a deleted one still on record. */
  public Connection connection(String id) {
    return http.call("GET", "/v1/connections/" + ApiPaths.segment(id), Body.NONE,
        Connection.class);
  }

  /** Renames a connection's peer locally; null clears the alias. */
  public Connection setAlias(String id, String alias) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("alias", alias);
    return http.call("PATCH", "/v1/connections/" + ApiPaths.segment(id), Body.json(body),
        Connection.class);
  }

  /** Deletes a connection; its queues are removed from the relays. */
  public void deleteConnection(String id) {
    http.call("DELETE", "/v1/connections/" + ApiPaths.segment(id), Body.NONE, Void.class);
  }

  // --- messages -----------------------------------------------------------------------------

  /** Queues a text for the peer of an established connection. */
  public QueuedMessage send(String connectionId, String text) {
    return send(connectionId, text, null);
  }

  /**
   * Queues a text for the peer of an established connection.
   *
   * @param idempotencyKey 1-200 visible ASCII characters; a retried send with the same key
   *     returns the first send's message instead of sending again; null for none
   * @throws io.parley.sdk.error.ConflictException {@code not_established} before the handshake
   *     completes
   * @throws io.parley.sdk.error.PayloadTooLargeException if the text is too long
   */
  public QueuedMessage send(String connectionId, String text, String idempotencyKey) {
    Objects.requireNonNull(text, "text");
    Map<String, String> headers = idempotencyKey == null ? Map.of()
        : Map.of("Idempotency-Key", idempotencyKey);
    return http.call("POST", "/v1/connections/" + ApiPaths.segment(connectionId)
        + "/messages", Body.json(fields("text", text)), headers, type(QueuedMessage.class));
  }

  /** One message by id: an outgoing one with its status timeline, or a received one. */
  public Message message(String messageId) {
    return http.call("GET", "/v1/messages/" + ApiPaths.segment(messageId), Body.NONE,
        Message.class);
  }

  /** The newest messages of a connection, both directions, oldest first. */
  public List<Message> history(String connectionId) {
    return history(connectionId, HistoryQuery.latest(HistoryQuery.DEFAULT_LIMIT));
  }

  /** A page of a connection's history, both directions, oldest first. */
  public List<Message> history(String connectionId, HistoryQuery query) {
    StringBuilder q = new StringBuilder();
    ApiPaths.param(q, "before", query.before());
    ApiPaths.param(q, "after", query.after());
    if (query.limit() > 0) {
      ApiPaths.param(q, "limit", Integer.toString(query.limit()));
    }
    return http.call("GET", "/v1/connections/" + ApiPaths.segment(connectionId)
        + "/messages" + q, Body.NONE, MessageList.class).messages();
  }

  // --- contact address and requests ---------------------------------------------------------

  /**
   * Creates the contact address, or changes the settings of the existing one (its link stays
   * the same). Every setting is stated: the next contact request follows them.
   *
   * @param autoAccept accept every request without review
   * @param welcome sent on each connection made through the address; null for none
   * @throws io.parley.sdk.error.ConflictException {@code conflict} if the address was deleted
   *     and created concurrently by another client; retrying settles it
   */
  public ContactAddress putAddress(boolean autoAccept, String welcome) {
    return http.call("PUT", "/v1/address",
        Body.json(fields("autoAccept", autoAccept, "welcome", welcome)), ContactAddress.class);
  }

  /** The contact address, if there is one. */
  public Optional<ContactAddress> address() {
    try {
      return Optional.of(http.call("GET", "/v1/address", Body.NONE, ContactAddress.class));
    } catch (NotFoundException e) {
      return Optional.empty();
    }
  }

  /** Deletes the contact address; connections made through it stay. */
  public void deleteAddress() {
    http.call("DELETE", "/v1/address", Body.NONE, Void.class);
  }

  /** Contact requests waiting for review (auto-accept off). */
  public List<ContactRequest> requests() {
    return http.call("GET", "/v1/requests", Body.NONE, RequestList.class).requests();
  }

  /** Accepts a contact request; returns the new connection's id. */
  public String acceptRequest(String requestId) {
    return http.call("POST", "/v1/requests/" + ApiPaths.segment(requestId) + "/accept",
        Body.NONE, ConnectionRef.class).connectionId();
  }

  /** Rejects a contact request. */
  public void rejectRequest(String requestId) {
    http.call("POST", "/v1/requests/" + ApiPaths.segment(requestId) + "/reject",
        Body.NONE, Void.class);
  }

  // --- events -------------------------------------------------------------------------------

  /**
   * One long-poll of the event log. Reading consumes nothing; pass {@link EventPage#next()} as
   * the following query's {@code after}.
   *
   * @throws io.parley.sdk.error.CursorExpiredException if retention deleted events after the
   *     cursor
   */
  public EventPage events(EventQuery query) {
    try {
      return http.<EventPage>callAsync("GET", "/v1/events" + ApiPaths.events(query),
          Duration.ofSeconds(query.waitSeconds()), type(EventPage.class)).join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof ParleyException p) {
        throw p;
      }
      throw e;
    }
  }

  /**
   * Moves consumer {@code name}'s cursor to {@code seq}, creating the consumer on first use.
   *
   * @return the consumer as stored
   */
  public Consumer ack(String consumer, long seq) {
    return http.call("POST", "/v1/consumers/" + ApiPaths.segment(consumer) + "/ack",
        Body.json(fields("seq", seq)), Consumer.class);
  }

  /** A named consumer, if it exists. */
  public Optional<Consumer> consumer(String name) {
    try {
      return Optional.of(http.call("GET", "/v1/consumers/" + ApiPaths.segment(name),
          Body.NONE, Consumer.class));
    } catch (NotFoundException e) {
      return Optional.empty();
    }
  }

  /** Every named consumer with its cursor. */
  public List<Consumer> consumers() {
    return http.call("GET", "/v1/consumers", Body.NONE, ConsumerList.class).consumers();
  }

  /** Deletes a named consumer and its cursor. */
  public void deleteConsumer(String name) {
    http.call("DELETE", "/v1/consumers/" + ApiPaths.segment(name), Body.NONE, Void.class);
  }

  // --- administration ---------------------------------------------------------------------

  /** Webhooks: the daemon POSTs events to your URL. */
  public Webhooks webhooks() {
    return webhooks;
  }

  /** Scoped API tokens. */
  public Tokens tokens() {
    return tokens;
  }

  /** The daemon's profiles. */
  public Profiles profiles() {
    return profiles;
  }

  /**
   * A client acting in the daemon profile named {@code displayName}: the first call creates the
   * profile and a token of it through this client's token, which must be the owner token
   * ({@code api.token}), and keeps the profile's token in {@code tokenFile} (written
   * atomically, mode 0600); later calls, in this process or the next, use that file. A
   * profile of that name whose token was lost gets a new token; a saved token the daemon
   * refuses (the profile was deleted) is replaced. A client that holds a profile's token
   * already is returned as it is, and so (with a warning in the log) is one whose token may
   * not create profiles: a scoped token of the default profile.
   *
   * @param description a short description sent with the name, or null
   * @param tokenFile where the profile's token is kept; null: {@code profile-<name>.token}
   *     beside the file this client's token was read from
   * @throws io.parley.sdk.error.ParleyConfigException if the token file cannot be read or
   *     written, or there is none and this client's token came from no file
   */
  public ParleyClient inProfile(String displayName, String description, Path tokenFile) {
    Objects.requireNonNull(displayName, "displayName");
    return ProfileLogin.open(this, displayName, description, tokenFile != null ? tokenFile
        : ProfileLogin.defaultTokenFile(this, displayName));
  }

  /**
   * A client of the same daemon with the same settings and another token: the one of another
   * profile, say.
   */
  public ParleyClient withToken(String otherToken) {
    return create(config.withToken(otherToken));
  }

  /**
   * Starts delivering events to {@code handler} on a thread of its own, one at a time in log
   * order, over a WebSocket that reconnects with capped backoff and resumes after the last
   * event handled (falling back to long-polls if the upgrade is refused). No event is handed
   * to the handler twice, across reconnects and daemon restarts; see {@link SubscriptionOptions}
   * for where it starts and for named consumers.
   */
  public Subscription subscribe(SubscriptionOptions options, EventHandler handler) {
    return SubscriptionLoop.start(http, options, handler);
  }

  private static Map<String, Object> fields(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      if (kv[i + 1] != null) {
        m.put((String) kv[i], kv[i + 1]);
      }
    }
    return m;
  }

  private static JavaType type(Class<?> c) {
    return Json.MAPPER.constructType(c);
  }

  /** The {@code {"connectionId"}} answer of a join or an accept. */
  private record ConnectionRef(String connectionId) {
    ConnectionRef {
      if (connectionId == null || connectionId.isEmpty()) {
        throw new IllegalArgumentException("connectionId is missing");
      }
    }
  }

  private record ConnectionList(List<Connection> connections) {
    ConnectionList {
      connections = connections == null ? List.of() : List.copyOf(connections);
    }
  }

  private record MessageList(List<Message> messages) {
    MessageList {
      messages = messages == null ? List.of() : List.copyOf(messages);
    }
  }

  private record ConsumerList(List<Consumer> consumers) {
    ConsumerList {
      consumers = consumers == null ? List.of() : List.copyOf(consumers);
    }
  }

  private record RequestList(List<ContactRequest> requests) {
    RequestList {
      requests = requests == null ? List.of() : List.copyOf(requests);
    }
  }
}

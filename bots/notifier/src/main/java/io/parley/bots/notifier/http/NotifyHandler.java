package io.parley.bots.notifier.http;

import io.parley.bots.notifier.alert.AlertGroup;
import io.parley.bots.notifier.alert.TopicName;
import io.parley.bots.notifier.delivery.BacklogFullException;
import io.parley.bots.notifier.delivery.ChatUnavailableException;
import io.parley.bots.notifier.delivery.DispatchResult;
import io.parley.bots.notifier.delivery.Dispatcher;
import io.parley.bots.notifier.metrics.NotifierMetrics;
import io.parley.bots.notifier.parse.FormFields;
import io.parley.bots.notifier.parse.PayloadException;
import io.parley.bots.notifier.parse.PayloadParser;
import io.parley.bots.notifier.parse.RawPayload;
import io.parley.bots.notifier.parse.UnsupportedMediaTypeException;
import io.parley.bots.notifier.store.StoreException;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.PathTemplateMatch;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST}, {@code PUT} or {@code GET} {@code /notify/{topic}}: authenticates, bounds and
 * parses the body (or, without one, the query parameters), and fans the alert out. Answers 200
 * only after the alert is durably queued with the daemon, or held in the bot's database for a
 * digest, for every subscriber that should get it; 404 when nobody subscribes to the topic
 * (unless configured to accept); 401 without a valid token, 400 with a reason for a bad topic
 * or body, 413 for a body over the limit, 415 for a Content-Type it does not read, and 503 with
 * {@code Retry-After} when the daemon (or the bot's own database, or a subscriber's full
 * backlog) cannot take it, so Alertmanager and Grafana retry. Runs on a worker thread in
 * blocking mode. Thread-safe.
 */
final class NotifyHandler implements HttpHandler {
  /** Path template parameter naming the topic. */
  static final String TOPIC_PARAM = "topic";
  private static final System.Logger LOG = System.getLogger(NotifyHandler.class.getName());
  private static final HttpString TITLE = new HttpString("Title");
  private static final HttpString X_TITLE = new HttpString("X-Title");
  private static final HttpString PRIORITY = new HttpString("Priority");
  private static final HttpString X_PRIORITY = new HttpString("X-Priority");

  private final NotifyToken token;
  private final PayloadParser parser = new PayloadParser();
  private final Dispatcher dispatcher;
  private final ReceiverSettings settings;
  private final NotifierMetrics metrics;

  NotifyHandler(NotifyToken token, Dispatcher dispatcher, ReceiverSettings settings,
      NotifierMetrics metrics) {
    this.token = token;
    this.dispatcher = dispatcher;
    this.settings = settings;
    this.metrics = metrics;
  }

  /** Answers 401 with the schemes the receiver takes. */
  static void unauthorised(HttpServerExchange ex) {
    ex.getResponseHeaders().put(Headers.WWW_AUTHENTICATE,
        "Bearer realm=\"parley-notifier\", Basic realm=\"parley-notifier\"");
    Responses.error(ex, 401, "unauthorized", "a valid notify token is required (Bearer, "
        + "Basic with the token as password, or ?token=)");
  }

  @Override
  public void handleRequest(HttpServerExchange ex) throws IOException {
    String source = NotifierMetrics.SOURCE_UNKNOWN;
    if (!RequestAuth.authorised(ex, token)) {
      metrics.alert(source, "unauthorized");
      unauthorised(ex);
      return;
    }
    PathTemplateMatch match = ex.getAttachment(PathTemplateMatch.ATTACHMENT_KEY);
    Optional<String> topic = TopicName.parse(match.getParameters().get(TOPIC_PARAM));
    if (topic.isEmpty()) {
      refuse(ex, source, 400, "bad_topic", "the topic must be " + TopicName.RULE);
      return;
    }
    byte[] body = readBody(ex);
    if (body == null) {
      ex.setPersistent(false);
      refuse(ex, source, 413, "too_large", "the body is larger than the receiver's limit of "
          + settings.maxBodyBytes() + " bytes");
      return;
    }
    AlertGroup group;
    try {
      group = parser.parse(new RawPayload(body,
          ex.getRequestHeaders().getFirst(Headers.CONTENT_TYPE), query(ex, "format"),
          first(header(ex, TITLE), header(ex, X_TITLE), query(ex, "title")),
          first(header(ex, PRIORITY), header(ex, X_PRIORITY), query(ex, "priority")),
          queryFields(ex)));
    } catch (UnsupportedMediaTypeException e) {
      refuse(ex, source, 415, "unsupported_media_type", e.getMessage());
      return;
    } catch (PayloadException e) {
      refuse(ex, source, 400, "bad_payload", e.getMessage());
      return;
    }
    source = group.source().formatName();
    DispatchResult r;
    try {
      r = dispatcher.dispatch(topic.get(), group);
    } catch (ChatUnavailableException e) {
      LOG.log(Level.WARNING, "the daemon did not queue an alert; answering 503: "
          + e.getMessage());
      unavailable(ex, source, "daemon_unavailable",
          "the Parley daemon could not queue the alert; retry later");
      return;
    } catch (StoreException e) {
      LOG.log(Level.WARNING, "the bot's database failed; answering 503: " + e.getMessage()
          + ": " + e.getCause());
      unavailable(ex, source, "store_unavailable",
          "the notifier's database is unavailable; retry later");
      return;
    } catch (BacklogFullException e) {
      LOG.log(Level.WARNING, "answering 503: " + e.getMessage());
      unavailable(ex, source, "backlog_full",
          "a subscriber has too many alerts waiting for delivery; retry later");
      return;
    }
    if (r.subscribers() == 0 && !settings.acceptUnsubscribedTopics()) {
      refuse(ex, source, 404, "no_subscribers", "nobody subscribes to the topic '"
          + topic.get() + "', so the alert reaches no one: subscribe to it in a chat with the "
          + "bot (/subscribe " + topic.get() + "), or start the notifier with "
          + "--unsubscribed-topics accept");
      return;
    }
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("topic", topic.get());
    result.put("format", group.source().formatName());
    result.put("status", group.status().name().toLowerCase(Locale.ROOT));
    result.put("subscribers", r.subscribers());
    result.put("queued", r.queued());
    result.put("duplicates", r.duplicates());
    result.put("muted", r.muted());
    result.put("held", r.held());
    result.put("rejected", r.rejected());
    result.put("gone", r.gone());
    metrics.alert(source, NotifierMetrics.OUTCOME_ACCEPTED);
    metrics.dispatched(r);
    Responses.ok(ex, result);
  }

  /** The body, or null when it is larger than the limit. */
  private byte[] readBody(HttpServerExchange ex) throws IOException {
    long declared = ex.getRequestContentLength();
    if (declared > settings.maxBodyBytes()) {
      return null;
    }
    InputStream in = ex.getInputStream();
    byte[] body = in.readNBytes((int) settings.maxBodyBytes() + 1);
    return body.length > settings.maxBodyBytes() ? null : body;
  }

  private void unavailable(HttpServerExchange ex, String source, String code, String message) {
    ex.getResponseHeaders().put(Headers.RETRY_AFTER, settings.retryAfterSeconds());
    refuse(ex, source, 503, code, message);
  }

  /** Answers an error and counts the alert with its code as the outcome. */
  private void refuse(HttpServerExchange ex, String source, int status, String code,
      String message) {
    metrics.alert(source, code);
    Responses.error(ex, status, code, message);
  }

  private static String header(HttpServerExchange ex, HttpString name) {
    return ex.getRequestHeaders().getFirst(name);
  }

  /** The query parameters but the token, which goes no further than the check above. */
  private static FormFields queryFields(HttpServerExchange ex) throws PayloadException {
    Map<String, Deque<String>> params = new LinkedHashMap<>(ex.getQueryParameters());
    params.remove(RequestAuth.TOKEN_PARAM);
    return FormFields.of(params);
  }

  private static String query(HttpServerExchange ex, String name) {
    Deque<String> values = ex.getQueryParameters().get(name);
    return values == null || values.isEmpty() ? null : values.getFirst();
  }

  private static String first(String... candidates) {
    for (String c : candidates) {
      if (c != null && !c.isBlank()) {
        return c;
      }
    }
    return null;
  }
}

package io.parley.sdk.internal;

import io.parley.sdk.error.NotFoundException;
import io.parley.sdk.error.ParleyException;
import io.parley.sdk.internal.HttpApi.Body;
import io.parley.sdk.model.Consumer;
import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.OptionalLong;

/**
 * A named consumer's cursor in the daemon, as a subscription keeps it: read once at the start,
 * created at the chosen start if new, then moved forward after each handled event. An
 * acknowledgement that fails (the daemon is briefly away) is kept and sent with the next one,
 * so the cursor never moves back and at worst lags. Used by one thread. Not part of the API.
 */
final class ConsumerCursor {
  private static final System.Logger LOG = System.getLogger(ConsumerCursor.class.getName());

  private final HttpApi http;
  private final String path;
  private long acked;

  ConsumerCursor(HttpApi http, String name) {
    this.http = http;
    this.path = "/v1/consumers/" + ApiPaths.segment(name);
  }

  /** The stored cursor, or empty if the consumer does not exist yet. */
  OptionalLong stored() {
    try {
      long cursor = http.call("GET", path, Body.NONE, Consumer.class).cursor();
      acked = cursor;
      return OptionalLong.of(cursor);
    } catch (NotFoundException e) {
      return OptionalLong.empty();
    }
  }

  /** Creates the consumer with its cursor at {@code seq}. */
  void create(long seq) {
    post(seq);
    acked = seq;
  }

  /** Moves the cursor to {@code seq} if it is ahead; a failure is retried with the next call. */
  void advance(long seq) {
    if (seq <= acked) {
      return;
    }
    try {
      post(seq);
      acked = seq;
    } catch (ParleyException e) {
      LOG.log(Level.DEBUG, "acknowledgement of event " + seq + " postponed: " + e.getMessage());
    }
  }

  private void post(long seq) {
    http.call("POST", path + "/ack", Body.json(Map.of("seq", seq)), Consumer.class);
  }
}

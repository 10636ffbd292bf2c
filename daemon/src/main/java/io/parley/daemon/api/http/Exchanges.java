package io.parley.daemon.api.http;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.HttpString;
import java.nio.ByteBuffer;
import java.util.Map;

/** Sends {@link Reply}s and error envelopes on an exchange. Stateless. */
public final class Exchanges {
  private static final HttpString CONTENT_TYPE = new HttpString("Content-Type");
  private static final HttpString CONNECTION = new HttpString("Connection");

  private Exchanges() {}

  /** Sends {@code reply}; does nothing if a response was already started (a race or a bug). */
  public static void send(HttpServerExchange ex, Reply reply) {
    if (ex.isResponseStarted()) {
      return;
    }
    ex.setStatusCode(reply.status());
    for (Map.Entry<String, String> h : reply.headers().entrySet()) {
      ex.getResponseHeaders().put(new HttpString(h.getKey()), h.getValue());
    }
    if (reply.contentType() == null) {
      ex.endExchange();
      return;
    }
    ex.getResponseHeaders().put(CONTENT_TYPE, reply.contentType());
    ex.getResponseSender().send(ByteBuffer.wrap(reply.body()));
  }

  /** Sends the error envelope for {@code failure} (see {@link Failures}). */
  public static void fail(HttpServerExchange ex, Throwable failure) {
    ApiException e = Failures.toApi(failure);
    if (e.status() == 413) {
      // The rest of an oversized body is never read: the connection cannot be reused.
      ex.getResponseHeaders().put(CONNECTION, "close");
      ex.setPersistent(false);
    }
    send(ex, Reply.error(e));
  }
}

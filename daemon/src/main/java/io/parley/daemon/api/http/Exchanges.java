package io.parley.daemon.api.http;

import io.undertow.io.IoCallback;
import io.undertow.io.Sender;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HttpString;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import org.xnio.IoUtils;

/** Sends {@link Reply}s and error envelopes on an exchange. Stateless. */
public final class Exchanges {
  private static final HttpString CONTENT_TYPE = new HttpString("Content-Type");
  private static final HttpString CONNECTION = new HttpString("Connection");

  private Exchanges() {}

  /**
   * Sends {@code reply}; does nothing if a response was already started or the exchange has
   * ended (the client went away while the answer was being prepared). A request whose body was
   * not read to its end (refused before it was read, or stalled) is answered and its connection
   * closed: waiting for the rest would let a client hold the connection.
   */
  public static void send(HttpServerExchange ex, Reply reply) {
    send(ex, reply, !ex.isRequestComplete());
  }

  private static void send(HttpServerExchange ex, Reply reply, boolean close) {
    if (ex.isResponseStarted() || ex.isComplete()) {
      return;
    }
    ex.setStatusCode(reply.status());
    for (Map.Entry<String, String> h : reply.headers().entrySet()) {
      ex.getResponseHeaders().put(new HttpString(h.getKey()), h.getValue());
    }
    if (close) {
      ex.getResponseHeaders().put(CONNECTION, "close");
      ex.setPersistent(false);
    }
    if (reply.contentType() != null) {
      ex.getResponseHeaders().put(CONTENT_TYPE, reply.contentType());
    }
    if (!close) {
      if (reply.contentType() == null) {
        ex.endExchange();
      } else {
        ex.getResponseSender().send(ByteBuffer.wrap(reply.body()));
      }
      return;
    }
    // Without a length a closing response would be delimited by the close alone.
    ex.setResponseContentLength(reply.body().length);
    ex.getResponseSender().send(ByteBuffer.wrap(reply.body()), new IoCallback() {
      @Override
      public void onComplete(HttpServerExchange e, Sender sender) {
        IoUtils.safeClose(e.getConnection());
      }

      @Override
      public void onException(HttpServerExchange e, Sender sender, IOException failure) {
        IoUtils.safeClose(e.getConnection());
      }
    });
  }

  /** Sends the error envelope for {@code failure} (see {@link Failures}). */
  public static void fail(HttpServerExchange ex, Throwable failure) {
    ApiException e = Failures.toApi(failure);
    // The rest of an oversized body is never read: the connection cannot be reused.
    send(ex, Reply.error(e), e.status() == 413 || !ex.isRequestComplete());
  }

  /** Sends the error envelope for {@code e} and closes the connection once it is written. */
  static void failAndClose(HttpServerExchange ex, ApiException e) {
    send(ex, Reply.error(e), true);
  }
}

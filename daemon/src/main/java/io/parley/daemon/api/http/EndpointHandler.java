package io.parley.daemon.api.http;

import io.parley.daemon.api.security.Principal;
import io.undertow.io.Receiver;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.RequestTooBigException;
import io.undertow.util.Headers;
import io.undertow.util.SameThreadExecutor;
import java.lang.System.Logger.Level;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.xnio.XnioExecutor;

/**
 * Runs an {@link Endpoint} behind its guards: checks the body's media type (415) and size (413),
 * reads it without blocking within the body deadline (408 and closed beyond), runs the
 * endpoint on a worker thread and sends its reply when it
 * completes, keeping the exchange open meanwhile. A cancelled answer (the endpoint gave it up)
 * ends the exchange quietly. Stateless; thread-safe.
 */
final class EndpointHandler implements HttpHandler {
  private static final System.Logger LOG = System.getLogger(EndpointHandler.class.getName());
  private static final byte[] EMPTY = new byte[0];
  /** Largest refused body still read before the 413, so the client sees it. UNIT: bytes. */
  static final long MAX_DRAINED_BODY_BYTES = 1024 * 1024;

  private final BodyPolicy policy;
  private final long maxBodyBytes;
  private final long bodyTimeoutMillis;
  private final Endpoint endpoint;

  EndpointHandler(BodyPolicy policy, long maxBodyBytes, long bodyTimeoutMillis,
      Endpoint endpoint) {
    this.policy = policy;
    this.maxBodyBytes = maxBodyBytes;
    this.bodyTimeoutMillis = bodyTimeoutMillis;
    this.endpoint = endpoint;
  }

  @Override
  public void handleRequest(HttpServerExchange ex) throws ApiException {
    boolean hasBody = hasBody(ex);
    MediaTypes.Kind kind =
        MediaTypes.classify(ex.getRequestHeaders().getFirst(Headers.CONTENT_TYPE));
    if (hasBody) {
      checkMediaType(kind);
      if (ex.getRequestContentLength() > maxBodyBytes) {
        refuseTooLarge(ex);
        return;
      }
    }
    // No body reads as {} everywhere (docs/api.md, "Request bodies"): all defaults where
    // every field is optional, a 400 naming the field where one is required.
    Principal principal = ex.getAttachment(AuthGuard.PRINCIPAL);
    if (!hasBody || !policy.reads()) {
      run(ex, new Call(ex, EMPTY, kind, principal));
      return;
    }
    receive(ex, kind, principal);
  }

  /**
   * Reads the body on the I/O thread. The deadline and the receiver's callbacks run on that
   * same thread, and whichever comes first settles the request.
   */
  private void receive(HttpServerExchange ex, MediaTypes.Kind kind, Principal principal) {
    AtomicBoolean settled = new AtomicBoolean();
    ConnectionSlot.receiving(ex);
    XnioExecutor.Key deadline = ex.getIoThread().executeAfter(() -> {
      if (settled.compareAndSet(false, true)) {
        Exchanges.failAndClose(ex, new ApiException(408, ApiException.REQUEST_TIMEOUT,
            "the body did not arrive within " + bodyTimeoutMillis + " ms"));
      }
    }, bodyTimeoutMillis, TimeUnit.MILLISECONDS);
    Receiver receiver = ex.getRequestReceiver();
    receiver.setMaxBufferSize((int) Math.min(Integer.MAX_VALUE, maxBodyBytes));
    receiver.receiveFullBytes(
        (e, bytes) -> {
          if (settled.compareAndSet(false, true)) {
            deadline.remove();
            ConnectionSlot.serving(e);
            run(e, new Call(e, bytes, kind, principal));
          }
        },
        (e, error) -> {
          if (settled.compareAndSet(false, true)) {
            deadline.remove();
            Exchanges.fail(e, tooBig(error) ? tooLarge()
                : ApiException.badRequest("the body could not be read"));
          }
        });
  }

  /**
   * Answers 413 to a body announced too large. A client such as the JDK's HTTP client reads the
   * answer only after it has written the whole body, so closing at once would show it a broken
   * pipe instead of the 413: a body up to {@link #MAX_DRAINED_BODY_BYTES} is read and discarded
   * first, within the body deadline; a larger one is refused without reading.
   */
  private void refuseTooLarge(HttpServerExchange ex) throws ApiException {
    long length = ex.getRequestContentLength();
    if (length > MAX_DRAINED_BODY_BYTES) {
      throw tooLarge();
    }
    AtomicBoolean settled = new AtomicBoolean();
    ConnectionSlot.receiving(ex);
    ex.setMaxEntitySize(length);
    XnioExecutor.Key deadline = ex.getIoThread().executeAfter(() -> {
      if (settled.compareAndSet(false, true)) {
        Exchanges.failAndClose(ex, tooLarge());
      }
    }, bodyTimeoutMillis, TimeUnit.MILLISECONDS);
    ex.getRequestReceiver().receivePartialBytes(
        (e, discarded, last) -> {
          if (last && settled.compareAndSet(false, true)) {
            deadline.remove();
            Exchanges.fail(e, tooLarge());
          }
        },
        (e, error) -> {
          if (settled.compareAndSet(false, true)) {
            deadline.remove();
            Exchanges.fail(e, tooLarge());
          }
        });
  }

  private void checkMediaType(MediaTypes.Kind kind) throws ApiException {
    boolean ok = kind == MediaTypes.Kind.JSON
        || (kind == MediaTypes.Kind.TEXT && (policy.acceptsText() || !policy.reads()));
    if (!ok) {
      throw new ApiException(415, ApiException.UNSUPPORTED_MEDIA_TYPE, policy.acceptsText()
          ? "send the body as application/json or text/plain (UTF-8)"
          : "send the body as application/json");
    }
  }

  private ApiException tooLarge() {
    return new ApiException(413, ApiException.TOO_LARGE,
        "the body is larger than " + maxBodyBytes + " bytes");
  }

  private void run(HttpServerExchange ex, Call call) {
    ex.dispatch(() -> {
      CompletionStage<Reply> stage;
      try {
        stage = endpoint.handle(call);
      } catch (Exception | LinkageError e) {
        Exchanges.fail(ex, e);
        return;
      }
      ex.dispatch(SameThreadExecutor.INSTANCE, () -> stage.whenComplete((reply, error) -> {
        if (error == null) {
          Exchanges.send(ex, reply);
        } else if (abandoned(error)) {
          // An endpoint gave the answer up (its client left): nothing to send, nothing wrong.
          LOG.log(Level.DEBUG, "an endpoint abandoned its answer");
          ex.endExchange();
        } else {
          Exchanges.fail(ex, error);
        }
      }));
    });
  }

  private static boolean abandoned(Throwable error) {
    Throwable t = error instanceof CompletionException && error.getCause() != null
        ? error.getCause() : error;
    return t instanceof CancellationException;
  }

  /** Undertow reports an oversized body with one of two types, sometimes wrapped. */
  private static boolean tooBig(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof RequestTooBigException || t instanceof Receiver.RequestToLargeException) {
        return true;
      }
    }
    return false;
  }

  private static boolean hasBody(HttpServerExchange ex) {
    long length = ex.getRequestContentLength();
    return length > 0 || (length < 0 && ex.getRequestHeaders().contains(Headers.TRANSFER_ENCODING));
  }
}

package io.parley.daemon.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.daemon.api.http.Json;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** An SSE test client of {@code /v1/events/sse}, reading frames as they come. */
final class SseClient implements AutoCloseable {
  /** One SSE event: its {@code id:} and parsed {@code data:}. */
  record Frame(String id, JsonNode data) {}

  private final HttpResponse<Stream<String>> response;
  private final Iterator<String> lines;

  private SseClient(HttpResponse<Stream<String>> response) {
    this.response = response;
    this.lines = response.body().iterator();
  }

  /** Opens the stream; {@code lastEventId} may be null. */
  static SseClient open(ApiClient client, String query, String lastEventId) throws Exception {
    HttpRequest.Builder b = client.request("/v1/events/sse?" + query)
        .header("Accept", "text/event-stream");
    if (lastEventId != null) {
      b.header("Last-Event-ID", lastEventId);
    }
    HttpResponse<Stream<String>> r = client.http().sendAsync(b.GET().build(),
        HttpResponse.BodyHandlers.ofLines()).get(30, TimeUnit.SECONDS);
    return new SseClient(r);
  }

  int status() {
    return response.statusCode();
  }

  String contentType() {
    return response.headers().firstValue("Content-Type").orElse("");
  }

  /** The next {@code n} events (comments and keep-alives skipped). Blocks on the stream. */
  List<Frame> take(int n) throws IOException {
    List<Frame> out = new ArrayList<>();
    String id = null;
    StringBuilder data = new StringBuilder();
    while (out.size() < n && lines.hasNext()) {
      String line = lines.next();
      if (line.isEmpty()) {
        if (data.length() > 0) {
          out.add(new Frame(id, Json.MAPPER.readTree(data.toString())));
        }
        id = null;
        data.setLength(0);
      } else if (line.startsWith("id:")) {
        id = line.substring(3).trim();
      } else if (line.startsWith("data:")) {
        data.append(line.substring(5).trim());
      }
    }
    if (out.size() < n) {
      throw new AssertionError("the stream ended after " + out.size() + " of " + n);
    }
    return out;
  }

  @Override
  public void close() {
    response.body().close();
  }
}

package io.parley.daemon.api;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import io.parley.daemon.api.ApiClient.Resp;
import java.net.URLDecoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sends real requests to a daemon and checks each request and its response against
 * openapi.yaml with the Atlassian OpenAPI validator, collecting every mismatch. Not
 * thread-safe.
 */
final class ContractClient {
  private final OpenApiInteractionValidator validator;
  private final List<String> failures = new ArrayList<>();
  private final List<String> checked = new ArrayList<>();

  ContractClient(OpenApiInteractionValidator validator) {
    this.validator = validator;
  }

  /** Every mismatch so far, one line per interaction. */
  List<String> failures() {
    return failures;
  }

  /** "METHOD status path" of every interaction checked. */
  List<String> checked() {
    return checked;
  }

  Resp get(ApiClient c, String pathAndQuery) throws Exception {
    return call(c, "GET", pathAndQuery, null, null, Map.of());
  }

  Resp delete(ApiClient c, String pathAndQuery) throws Exception {
    return call(c, "DELETE", pathAndQuery, null, null, Map.of());
  }

  Resp json(ApiClient c, String method, String path, String body) throws Exception {
    return call(c, method, path, "application/json", body, Map.of());
  }

  Resp text(ApiClient c, String path, String body) throws Exception {
    return call(c, "POST", path, "text/plain; charset=utf-8", body, Map.of());
  }

  /** A request that breaks the contract on purpose: only its response is checked. */
  Resp invalid(ApiClient c, String method, String pathAndQuery, String contentType,
      String body) throws Exception {
    return call(c, method, pathAndQuery, contentType, body, Map.of(), false);
  }

  /** One interaction: sent for real, then validated. */
  Resp call(ApiClient c, String method, String pathAndQuery, String contentType, String body,
      Map<String, String> headers) throws Exception {
    return call(c, method, pathAndQuery, contentType, body, headers, true);
  }

  private Resp call(ApiClient c, String method, String pathAndQuery, String contentType,
      String body, Map<String, String> headers, boolean validRequest) throws Exception {
    HttpRequest.Builder b = c.request(pathAndQuery);
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    headers.forEach(b::header);
    b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofString(body));
    HttpResponse<byte[]> r = c.http().send(b.build(), HttpResponse.BodyHandlers.ofByteArray());

    String path = pathAndQuery;
    String query = "";
    int q = pathAndQuery.indexOf('?');
    if (q >= 0) {
      path = pathAndQuery.substring(0, q);
      query = pathAndQuery.substring(q + 1);
    }
    SimpleRequest.Builder req = new SimpleRequest.Builder(Request.Method.valueOf(method), path);
    queryParams(query).forEach(req::withQueryParam);
    if (c.token() != null) {
      req.withAuthorization("Bearer " + c.token());
    }
    headers.forEach(req::withHeader);
    if (contentType != null) {
      req.withContentType(contentType);
    }
    if (body != null) {
      req.withBody(body);
    }
    SimpleResponse.Builder resp = SimpleResponse.Builder.status(r.statusCode());
    r.headers().map().forEach((k, v) -> resp.withHeader(k, v));
    r.headers().firstValue("Content-Type").ifPresent(resp::withContentType);
    if (r.body().length > 0) {
      resp.withBody(r.body());
    }
    ValidationReport report = validRequest
        ? validator.validate(req.build(), resp.build())
        : validator.validateResponse(path, Request.Method.valueOf(method), resp.build());
    String label = method + " " + r.statusCode() + " " + path;
    checked.add(label);
    if (report.hasErrors()) {
      failures.add(label + ": " + report.getMessages());
    }
    return new Resp(r.statusCode(), new String(r.body(), StandardCharsets.UTF_8), r.headers());
  }

  private static Map<String, String> queryParams(String query) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String pair : query.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String k = eq < 0 ? pair : pair.substring(0, eq);
      String v = eq < 0 ? "" : pair.substring(eq + 1);
      out.put(URLDecoder.decode(k, StandardCharsets.UTF_8),
          URLDecoder.decode(v, StandardCharsets.UTF_8));
    }
    return out;
  }
}

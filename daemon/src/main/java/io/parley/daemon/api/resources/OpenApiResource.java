package io.parley.daemon.api.resources;

import io.parley.daemon.api.http.Endpoint;
import io.parley.daemon.api.http.Reply;
import io.parley.daemon.api.http.Routes;
import io.parley.daemon.api.security.Access;
import java.io.IOException;
import java.io.InputStream;

/**
 * {@code GET /v1/openapi.yaml}: the API's contract, the repository's {@code openapi.yaml}
 * packaged into the jar. No token: it holds nothing secret. Thread-safe.
 */
public final class OpenApiResource {
  /** Where the build puts the file on the class path. */
  public static final String RESOURCE = "/io/parley/daemon/api/openapi.yaml";
  static final String CONTENT_TYPE = "application/yaml; charset=utf-8";

  private final byte[] document;

  private OpenApiResource(byte[] document) {
    this.document = document;
  }

  /**
   * Loads the packaged document.
   *
   * @throws IOException if the jar was built without it
   */
  public static OpenApiResource load() throws IOException {
    try (InputStream in = OpenApiResource.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IOException("openapi.yaml is missing from the class path (" + RESOURCE + ")");
      }
      return new OpenApiResource(in.readAllBytes());
    }
  }

  public void register(Routes routes) {
    routes.get("/v1/openapi.yaml", Access.PUBLIC,
        Endpoint.of(call -> Reply.bytes(200, CONTENT_TYPE, document)));
  }
}

package io.parley.sdk.internal;

import java.net.URI;
import java.time.Duration;

/**
 * Where and how the plumbing talks to the daemon: the settings of a
 * {@code io.parley.sdk.ParleyConfig}, copied in so this package does not use the public one
 * (the public package uses this one, never the other way). The token never appears in
 * {@link #toString()}.
 */
public record Endpoint(URI api, String token, Duration connectTimeout, Duration requestTimeout) {
  @Override
  public String toString() {
    return "Endpoint[api=" + api + "]";
  }
}

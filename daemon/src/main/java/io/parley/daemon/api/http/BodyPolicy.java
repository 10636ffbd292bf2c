package io.parley.daemon.api.http;

/**
 * What request body a route takes. Whatever the policy, a body of any other media type than
 * JSON or UTF-8 text is refused with 415, so a browser form (urlencoded or multipart) can never
 * reach a handler. A route that reads a body reads a missing or empty one as {@code {}}, so
 * one rule holds everywhere: no body means all defaults where every field is optional, and a
 * 400 naming the field where one is required.
 */
public enum BodyPolicy {
  /** No body is read; one may be present only as JSON or text. */
  NONE(false, false),
  /** A JSON object. */
  JSON(true, false),
  /** A JSON object or a {@code text/plain} body. */
  JSON_OR_TEXT(true, true);

  private final boolean reads;
  private final boolean acceptsText;

  BodyPolicy(boolean reads, boolean acceptsText) {
    this.reads = reads;
    this.acceptsText = acceptsText;
  }

  public boolean reads() {
    return reads;
  }

  public boolean acceptsText() {
    return acceptsText;
  }
}

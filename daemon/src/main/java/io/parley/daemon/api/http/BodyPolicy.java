package io.parley.daemon.api.http;

/**
 * What request body a route takes. Whatever the policy, a body of any other media type than
 * JSON or UTF-8 text is refused with 415, so a browser form (urlencoded or multipart) can never
 * reach a handler.
 */
public enum BodyPolicy {
  /** No body is read; one may be present only as JSON or text. */
  NONE(false, false, false),
  /** A JSON object is required. */
  JSON(true, true, false),
  /** A JSON object, or no body at all. */
  OPTIONAL_JSON(true, false, false),
  /** A JSON object or a {@code text/plain} body is required. */
  JSON_OR_TEXT(true, true, true);

  private final boolean reads;
  private final boolean required;
  private final boolean acceptsText;

  BodyPolicy(boolean reads, boolean required, boolean acceptsText) {
    this.reads = reads;
    this.required = required;
    this.acceptsText = acceptsText;
  }

  public boolean reads() {
    return reads;
  }

  public boolean required() {
    return required;
  }

  public boolean acceptsText() {
    return acceptsText;
  }
}

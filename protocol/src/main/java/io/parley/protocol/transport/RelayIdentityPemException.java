package io.parley.protocol.transport;

/**
 * A stored relay identity that cannot be used: one of its PEM texts is absent, malformed or
 * does not fit the others. The message names the part's file name and the problem, never key
 * material.
 */
public final class RelayIdentityPemException extends Exception {
  private static final long serialVersionUID = 1L;

  private final RelayIdentityPem.Part part;
  private final String problem;

  RelayIdentityPemException(RelayIdentityPem.Part part, String problem) {
    super(part.fileName() + " " + problem);
    this.part = part;
    this.problem = problem;
  }

  /** Which text is wrong. */
  public RelayIdentityPem.Part part() {
    return part;
  }

  /** What is wrong with it, for example {@code is not valid PEM}. */
  public String problem() {
    return problem;
  }
}

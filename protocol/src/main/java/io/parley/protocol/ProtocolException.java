package io.parley.protocol;

/** A protocol violation with the {@link ErrorCode} a relay answers with. */
public class ProtocolException extends Exception {
  private final ErrorCode code;

  public ProtocolException(ErrorCode code, String message) {
    super(code.wire() + ": " + message);
    this.code = code;
  }

  public ProtocolException(ErrorCode code) {
    super(code.wire());
    this.code = code;
  }

  public ErrorCode code() {
    return code;
  }
}

package io.parley.protocol.agent;

/** An agent-level message, envelope or link did not parse. The message never carries secrets. */
public final class AgentFormatException extends Exception {
  public AgentFormatException(String message) {
    super(message);
  }

  public AgentFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}

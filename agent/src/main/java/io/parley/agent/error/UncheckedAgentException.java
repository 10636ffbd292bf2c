package io.parley.agent.error;

/**
 * An {@link AgentException} thrown from an agent method that returns its result directly
 * (lists, lookups) rather than as a future. {@link #reason()} is the wrapped exception's.
 */
public final class UncheckedAgentException extends RuntimeException {
  public UncheckedAgentException(AgentException cause) {
    super(cause.getMessage(), cause);
  }

  @Override
  public synchronized AgentException getCause() {
    return (AgentException) super.getCause();
  }

  public AgentException.Reason reason() {
    return getCause().reason();
  }
}

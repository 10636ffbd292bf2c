package io.parley.protocol.transport;

/** A relay address string is not of the form {@code smp://<keyHash>@<host>[:<port>]}. */
public final class InvalidRelayAddressException extends Exception {
  public InvalidRelayAddressException(String message) {
    super(message);
  }
}

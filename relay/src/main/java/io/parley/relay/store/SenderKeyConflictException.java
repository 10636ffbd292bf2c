package io.parley.relay.store;

/**
 * The queue already has a different sender key. Securing is first-come: the relay answers the
 * loser of two racing KEY/SKEY commands with AUTH, never silently replaces a key.
 */
public final class SenderKeyConflictException extends StoreException {
  public SenderKeyConflictException() {
    super("the queue is secured with another sender key");
  }
}

package dev.cachet.peer.ejb;

/** A peer call that got no usable answer: no connection, a timeout, a 5xx. Retried. */
public final class PeerUnavailableException extends RuntimeException {

  public PeerUnavailableException(String message, Throwable cause) {
    super(message, cause, false, false);
  }
}

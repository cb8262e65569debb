package dev.cachet.peer.ejb;

/** A peer answered with a 4xx: it will answer the same again, so the call is not retried. */
public final class PeerRefusedException extends RuntimeException {

  private final int status;

  public PeerRefusedException(int status, String message) {
    super(message, null, false, false);
    this.status = status;
  }

  public int status() {
    return status;
  }
}

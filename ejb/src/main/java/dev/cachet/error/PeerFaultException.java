package dev.cachet.error;

import java.util.List;
import java.util.Objects;

/**
 * A peer of the committee misbehaved: it sent something that fails verification (a bad signature
 * share, a wrong signature, a malformed message). Not the caller's fault, and not this node's: the
 * failure names the peers at fault so that the operator, and the protocol, can act on them. Nothing
 * this node stores was changed by the peer's input.
 */
public class PeerFaultException extends CachetException {

  /** The code every peer fault is reported under; the message says what the peers did. */
  public static final String CODE = "PEER_FAULT";

  private final List<String> peers;

  /**
   * @param peers the peers at fault, by the name the protocol knows them by (never empty)
   */
  public PeerFaultException(String message, List<String> peers) {
    this(message, peers, null);
  }

  public PeerFaultException(String message, List<String> peers, Throwable cause) {
    super(CODE, message, cause);
    this.peers = List.copyOf(Objects.requireNonNull(peers, "peers"));
    if (this.peers.isEmpty()) {
      throw new IllegalArgumentException("a peer fault names at least one peer");
    }
  }

  /** The peers at fault, in the order the protocol found them. */
  public List<String> peers() {
    return peers;
  }
}

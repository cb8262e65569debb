package dev.cachet.keysign;

import dev.cachet.node.IdentityKey;
import java.util.function.Consumer;

/**
 * The keysign's peer calls. Each runs later, never on the caller's thread while it holds the
 * engine, and hands its {@link Reply} to {@code done}.
 */
public interface KeysignTransport {

  /** A peer's answer: its signed message, or the error code it refused with, or no answer. */
  record Reply(SignedMessage answer, String refusal) {
    public static final String UNAVAILABLE = "UNAVAILABLE";

    public static Reply of(SignedMessage answer) {
      return new Reply(answer, null);
    }

    public static Reply refused(String code) {
      return new Reply(null, code);
    }

    public boolean answered() {
      return answer != null;
    }
  }

  /** Whether a call to {@code peer} may be tried now (it has an address, its circuit is closed). */
  boolean reachable(IdentityKey peer);

  void commit(IdentityKey to, SignedMessage request, Consumer<Reply> done);

  void sign(IdentityKey to, SignedMessage request, Consumer<Reply> done);

  void deliver(IdentityKey to, SignedMessage signatures);
}

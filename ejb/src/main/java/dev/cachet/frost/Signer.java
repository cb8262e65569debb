package dev.cachet.frost;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One participant's signing role (RFC 9591 §5.1–5.2). Round one of a batched session yields a
 * {@link RoundOneState}: fresh nonce pairs for the batch, kept inside, and their commitments, sent
 * to the coordinator. Thread-safe; every session gets its own state.
 */
public final class Signer {

  private final KeyPackage key;
  private final SecureRandom random;

  public Signer(KeyPackage key, SecureRandom random) {
    this.key = Objects.requireNonNull(key, "key");
    this.random = Objects.requireNonNull(random, "random");
  }

  public KeyPackage key() {
    return key;
  }

  /** Round one for a batch of {@code messageCount} messages: one fresh nonce pair per message. */
  public RoundOneState commit(int messageCount) {
    if (messageCount < 1 || messageCount > SigningPackage.MAX_MESSAGES) {
      throw new InvalidParametersException(
          "a session signs 1 to " + SigningPackage.MAX_MESSAGES + " messages");
    }
    Ciphersuite suite = key.suite();
    List<NoncePair> nonces = new ArrayList<>(messageCount);
    List<NonceCommitment> commitments = new ArrayList<>(messageCount);
    for (int k = 0; k < messageCount; k++) {
      NoncePair pair = NoncePair.generate(suite, random, key.signingShare());
      nonces.add(pair);
      commitments.add(pair.commit(suite));
    }
    return new RoundOneState(key, nonces, new BatchCommitments(key.id(), commitments));
  }
}

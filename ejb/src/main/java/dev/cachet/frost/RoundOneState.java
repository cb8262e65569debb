package dev.cachet.frost;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A participant's state between the two rounds of one session: the secret nonces and their public
 * commitments. It yields signature shares at most once (RFC 9591 §5.2: the nonces MUST NOT be used
 * twice). A signing package that fails validation changes nothing; one that passes consumes the
 * nonces before any share is computed, so even a failure while signing leaves them unusable.
 */
public final class RoundOneState {

  private final KeyPackage key;
  private final BatchCommitments commitments;
  private final AtomicReference<List<NoncePair>> nonces;

  RoundOneState(KeyPackage key, List<NoncePair> nonces, BatchCommitments commitments) {
    this.key = key;
    this.commitments = commitments;
    this.nonces = new AtomicReference<>(List.copyOf(nonces));
  }

  /** The round-one message to send to the coordinator. */
  public BatchCommitments commitments() {
    return commitments;
  }

  public ParticipantId id() {
    return key.id();
  }

  /** Whether the nonces were used (or handed out) already. */
  public boolean consumed() {
    return nonces.get() == null;
  }

  /**
   * Round two: one signature share per message of {@code signingPackage}.
   *
   * @throws InvalidSigningPackageException if the package does not list this participant with the
   *     commitments it made, or does not fit the group (nonces stay unused)
   * @throws NoncesConsumedException if this state signed before
   */
  public SignatureShares sign(SigningPackage signingPackage) {
    validate(signingPackage);
    List<NoncePair> pairs = nonces.getAndSet(null);
    if (pairs == null) {
      throw new NoncesConsumedException(key.id());
    }
    Ciphersuite suite = key.suite();
    BigInteger order = suite.order();
    List<ParticipantId> signers = signingPackage.signers();
    int index = signers.indexOf(key.id());
    BigInteger lambda = Lagrange.coefficient(signers, key.id(), order);
    BigInteger secret = key.signingShare().value();
    GroupPublicKey groupKey = key.groupPublicKey();
    List<Scalar> shares = new ArrayList<>(pairs.size());
    for (int k = 0; k < pairs.size(); k++) {
      MessageBinding binding =
          MessageBinding.compute(
              groupKey,
              signingPackage.messages().get(k),
              signers,
              signingPackage.commitmentList(k));
      NoncePair pair = pairs.get(k);
      // z_i = d_i + e_i * rho_i + lambda_i * s_i * c
      BigInteger z =
          pair.hiding
              .add(pair.binding.multiply(binding.bindingFactor(index)))
              .add(lambda.multiply(secret).mod(order).multiply(binding.challenge()))
              .mod(order);
      shares.add(Scalar.of(suite, z));
    }
    return new SignatureShares(key.id(), shares);
  }

  private void validate(SigningPackage signingPackage) {
    signingPackage.checkAgainst(key.group());
    if (signingPackage.messageCount() != commitments.messageCount()) {
      throw InvalidSigningPackageException.batchLength(
          commitments.messageCount(), signingPackage.messageCount());
    }
    BatchCommitments listed =
        signingPackage
            .commitmentsOf(key.id())
            .orElseThrow(() -> InvalidSigningPackageException.notASigner(key.id()));
    if (!listed.equals(commitments)) {
      throw InvalidSigningPackageException.commitmentMismatch(key.id());
    }
  }

  @Override
  public String toString() {
    return "RoundOneState[participant "
        + key.id().value()
        + ", "
        + commitments.messageCount()
        + " messages"
        + (consumed() ? ", consumed" : "")
        + "]";
  }
}

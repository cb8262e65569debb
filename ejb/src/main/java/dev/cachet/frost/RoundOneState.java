package dev.cachet.frost;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A participant's state between the two rounds of one session: the secret nonces and their public
 * commitments. It yields signature shares at most once (RFC 9591 §5.2: the nonces MUST NOT be used
 * twice). A signing package that fails validation changes nothing; one that passes consumes the
 * nonces before any secret arithmetic, so even a failure from then on leaves them unusable.
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
    // Everything public is computed before the nonces are taken, so a package refused here (a
    // group commitment that is the identity) leaves them unused too.
    List<ParticipantId> signers = signingPackage.signers();
    List<MessageBinding> bindings = new ArrayList<>(signingPackage.messageCount());
    for (int k = 0; k < signingPackage.messageCount(); k++) {
      bindings.add(
          MessageBinding.compute(
              key.groupPublicKey(),
              signingPackage.messages().get(k),
              signers,
              signingPackage.commitmentList(k)));
    }
    List<NoncePair> pairs = nonces.getAndSet(null);
    if (pairs == null) {
      throw new NoncesConsumedException(key.id());
    }
    Ciphersuite suite = key.suite();
    BigInteger order = suite.order();
    int index = signers.indexOf(key.id());
    BigInteger lambdaSecret =
        Lagrange.coefficient(signers, key.id(), order)
            .multiply(key.signingShare().value())
            .mod(order);
    List<Scalar> shares = new ArrayList<>(pairs.size());
    for (int k = 0; k < pairs.size(); k++) {
      NoncePair pair = pairs.get(k);
      MessageBinding binding = bindings.get(k);
      // z_i = d_i + e_i * rho_i + lambda_i * s_i * c
      BigInteger z =
          pair.hiding
              .add(pair.binding.multiply(binding.bindingFactor(index)))
              .add(lambdaSecret.multiply(binding.challenge()))
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

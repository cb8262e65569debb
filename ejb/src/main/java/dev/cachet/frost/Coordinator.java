package dev.cachet.frost;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.bouncycastle.math.ec.ECAlgorithms;
import org.bouncycastle.math.ec.ECPoint;

/**
 * The coordinator of RFC 9591 §5 for one group: builds the signing package of a batched session and
 * aggregates the signature shares. It verifies every share before aggregating and, if any is
 * invalid, names every signer at fault instead of producing a signature (identifiable abort, §5.4).
 * Holds no secret; immutable and thread-safe.
 */
public final class Coordinator {

  private final GroupInfo group;

  public Coordinator(GroupInfo group) {
    this.group = Objects.requireNonNull(group, "group");
  }

  public GroupInfo group() {
    return group;
  }

  /**
   * The round-two input for {@code messages} from the round-one commitments received (in any
   * order): sorted by identifier and checked against the group.
   */
  public SigningPackage signingPackage(
      List<Message> messages, Collection<BatchCommitments> received) {
    SigningPackage signingPackage = SigningPackage.of(messages, received);
    signingPackage.checkAgainst(group);
    return signingPackage;
  }

  /**
   * Verifies every share of every signer, then aggregates one signature per message.
   *
   * @throws InvalidShareSetException if the shares do not come from exactly the package's signers
   * @throws InvalidSignatureShareException naming every signer with an invalid share
   */
  public List<Signature> aggregate(
      SigningPackage signingPackage, Collection<SignatureShares> received) {
    signingPackage.checkAgainst(group);
    List<ParticipantId> signers = signingPackage.signers();
    List<SignatureShares> shares = matchToSigners(signingPackage, received);
    Ciphersuite suite = group.suite();
    BigInteger order = suite.order();
    GroupPublicKey groupKey = group.groupPublicKey();
    BigInteger[] lambdas = new BigInteger[signers.size()];
    for (int i = 0; i < lambdas.length; i++) {
      lambdas[i] = Lagrange.coefficient(signers, signers.get(i), order);
    }
    Map<ParticipantId, List<Integer>> invalid = new LinkedHashMap<>();
    List<Signature> signatures = new ArrayList<>(signingPackage.messageCount());
    for (int k = 0; k < signingPackage.messageCount(); k++) {
      List<NonceCommitment> list = signingPackage.commitmentList(k);
      MessageBinding binding =
          MessageBinding.compute(groupKey, signingPackage.messages().get(k), signers, list);
      BigInteger z = BigInteger.ZERO;
      for (int i = 0; i < signers.size(); i++) {
        Scalar share = shares.get(i).shares().get(k);
        if (!shareIsValid(signers.get(i), share, list.get(i), binding, i, lambdas[i])) {
          invalid.computeIfAbsent(signers.get(i), id -> new ArrayList<>()).add(k);
        }
        z = z.add(share.value());
      }
      signatures.add(new Signature(binding.groupCommitment(), Scalar.of(suite, z.mod(order))));
    }
    if (!invalid.isEmpty()) {
      throw new InvalidSignatureShareException(invalid);
    }
    // RFC 9591 §5.3 recommends verifying the aggregate before releasing it. Here it holds by
    // construction: every share passed, and the participant keys are points of the polynomial
    // committed to by the group key, so the sum of lambda_i * PK_i is PK and [z]B = R + [c]PK.
    return signatures;
  }

  /**
   * verify_signature_share, rearranged into one multi-scalar multiplication: [z_i]B - [c *
   * lambda_i]PK_i - [rho_i]E_i == D_i.
   */
  private boolean shareIsValid(
      ParticipantId id,
      Scalar share,
      NonceCommitment commitment,
      MessageBinding binding,
      int index,
      BigInteger lambda) {
    Ciphersuite suite = group.suite();
    BigInteger order = suite.order();
    ECPoint lhs =
        ECAlgorithms.sumOfMultiplies(
            new ECPoint[] {
              suite.generator(), group.participantKey(id).point(), commitment.binding().point()
            },
            new BigInteger[] {
              share.value(),
              order.subtract(binding.challenge().multiply(lambda).mod(order)).mod(order),
              order.subtract(binding.bindingFactor(index)).mod(order)
            });
    return lhs.equals(commitment.hiding().point());
  }

  /** Each signer's shares, in signer order; refuses missing, extra, duplicate or short batches. */
  private static List<SignatureShares> matchToSigners(
      SigningPackage signingPackage, Collection<SignatureShares> received) {
    Map<ParticipantId, SignatureShares> byId = new HashMap<>();
    List<ParticipantId> signers = signingPackage.signers();
    for (SignatureShares s : received) {
      if (!signers.contains(s.id())) {
        throw InvalidShareSetException.fromNonSigner(s.id());
      }
      if (byId.putIfAbsent(s.id(), s) != null) {
        throw InvalidShareSetException.duplicate(s.id());
      }
      if (s.shares().size() != signingPackage.messageCount()) {
        throw InvalidShareSetException.batchLength(
            s.id(), signingPackage.messageCount(), s.shares().size());
      }
      if (s.suite() != signingPackage.suite()) {
        throw InvalidSigningPackageException.suiteMismatch(signingPackage.suite(), s.suite());
      }
    }
    List<SignatureShares> ordered = new ArrayList<>(signers.size());
    for (ParticipantId id : signers) {
      SignatureShares s = byId.get(id);
      if (s == null) {
        throw InvalidShareSetException.missing(id);
      }
      ordered.add(s);
    }
    return ordered;
  }
}

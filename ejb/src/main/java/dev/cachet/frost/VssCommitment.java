package dev.cachet.frost;

import java.math.BigInteger;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.math.ec.ECAlgorithms;
import org.bouncycastle.math.ec.ECPoint;

/**
 * Feldman's verifiable secret sharing commitment (RFC 9591 Appendix D.2): one element per
 * coefficient of the dealer's polynomial f, the first being the group public key. It fixes every
 * participant's public key share and lets each participant check its secret share.
 *
 * @param coefficients [f_0]B, [f_1]B, ..., [f_(t-1)]B; their count is MIN_PARTICIPANTS
 */
public record VssCommitment(List<Element> coefficients) {

  public VssCommitment {
    coefficients = List.copyOf(Objects.requireNonNull(coefficients, "coefficients"));
    if (coefficients.isEmpty() || coefficients.size() > ParticipantId.MAX) {
      throw new InvalidParametersException(
          "a commitment has 1 to " + ParticipantId.MAX + " coefficients");
    }
    Ciphersuite suite = coefficients.get(0).suite();
    for (Element c : coefficients) {
      if (c.suite() != suite) {
        throw new InvalidParametersException("coefficients of different ciphersuites");
      }
    }
  }

  public Ciphersuite suite() {
    return coefficients.get(0).suite();
  }

  /** MIN_PARTICIPANTS: the polynomial's degree plus one. */
  public int minSigners() {
    return coefficients.size();
  }

  public GroupPublicKey groupPublicKey() {
    return new GroupPublicKey(coefficients.get(0));
  }

  /** The sum over j of [i^j] C_j: the public key share of participant i (derive_group_info). */
  ECPoint evaluate(ParticipantId id) {
    BigInteger order = suite().order();
    ECPoint[] points = new ECPoint[coefficients.size()];
    BigInteger[] powers = new BigInteger[coefficients.size()];
    BigInteger power = BigInteger.ONE;
    for (int j = 0; j < points.length; j++) {
      points[j] = coefficients.get(j).point();
      powers[j] = power;
      power = power.multiply(id.scalar()).mod(order);
    }
    return ECAlgorithms.sumOfMultiplies(points, powers);
  }

  /** vss_verify: whether {@code share} is f(i) for the committed polynomial f. */
  boolean verifies(ParticipantId id, Scalar share) {
    return suite().multiplyGenerator(share.value()).equals(evaluate(id));
  }

  void writeTo(EncodingWriter out) {
    out.u16(coefficients.size());
    coefficients.forEach(out::element);
  }

  static VssCommitment readFrom(EncodingReader in) {
    int count = in.count("coefficient", ParticipantId.MAX);
    Element[] coefficients = new Element[count];
    for (int j = 0; j < count; j++) {
      coefficients[j] = in.element();
    }
    return new VssCommitment(List.of(coefficients));
  }
}

package dev.cachet.frost;

import java.math.BigInteger;
import java.util.List;

/**
 * derive_interpolating_value of RFC 9591 §4.2: the Lagrange coefficient at zero of one signer for a
 * signer set. The same for every message of a session, so a session computes it once.
 */
final class Lagrange {

  private Lagrange() {}

  /**
   * λ_i = Π x_j / (x_j - x_i) over the other signers j.
   *
   * @throws IllegalArgumentException if {@code id} is not a signer or a signer is listed twice,
   *     which a {@link SigningPackage} rules out before this is reached
   */
  static BigInteger coefficient(List<ParticipantId> signers, ParticipantId id, BigInteger order) {
    if (!signers.contains(id) || signers.stream().distinct().count() != signers.size()) {
      throw new IllegalArgumentException("invalid parameters");
    }
    BigInteger numerator = BigInteger.ONE;
    BigInteger denominator = BigInteger.ONE;
    BigInteger xi = id.scalar();
    for (ParticipantId j : signers) {
      if (j.equals(id)) {
        continue;
      }
      BigInteger xj = j.scalar();
      numerator = numerator.multiply(xj).mod(order);
      denominator = denominator.multiply(xj.subtract(xi)).mod(order);
    }
    return numerator.multiply(denominator.modInverse(order)).mod(order);
  }
}

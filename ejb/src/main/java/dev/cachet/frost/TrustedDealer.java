package dev.cachet.frost;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Key generation with a trusted dealer (RFC 9591 Appendix D): Shamir shares of a group secret on a
 * random polynomial of degree MIN_PARTICIPANTS - 1, with Feldman's commitment to the polynomial.
 * The dealer is trusted to use good randomness and to forget the secret and the shares once it has
 * handed them out; this class keeps nothing.
 */
public final class TrustedDealer {

  private TrustedDealer() {}

  /** trusted_dealer_keygen with a fresh uniformly random, non-zero group secret. */
  public static DealtKeys deal(
      Ciphersuite suite, int minSigners, int maxSigners, SecureRandom random) {
    Objects.requireNonNull(suite, "suite");
    checkCounts(minSigners, maxSigners);
    BigInteger secret;
    do {
      secret = suite.randomScalar(random);
    } while (secret.signum() == 0);
    List<Scalar> coefficients = new ArrayList<>(minSigners - 1);
    for (int i = 1; i < minSigners; i++) {
      coefficients.add(Scalar.of(suite, suite.randomScalar(random)));
    }
    return split(Scalar.of(suite, secret), coefficients, maxSigners);
  }

  /**
   * secret_share_shard and vss_commit for a given secret and given coefficients f_1 .. f_(t-1):
   * deterministic, for known-answer tests and for callers that bring their own randomness.
   */
  public static DealtKeys split(Scalar secret, List<Scalar> coefficients, int maxSigners) {
    Ciphersuite suite = secret.suite();
    checkCounts(coefficients.size() + 1, maxSigners);
    if (secret.value().signum() == 0) {
      throw new InvalidParametersException("the group secret must not be zero");
    }
    BigInteger[] f = new BigInteger[coefficients.size() + 1];
    f[0] = secret.value();
    for (int j = 1; j < f.length; j++) {
      Scalar c = coefficients.get(j - 1);
      if (c.suite() != suite) {
        throw new InvalidParametersException("coefficients of another ciphersuite");
      }
      f[j] = c.value();
    }
    List<Element> commitment = new ArrayList<>(f.length);
    for (BigInteger coefficient : f) {
      commitment.add(Element.of(suite, suite.multiplyGenerator(coefficient)));
    }
    GroupInfo group = new GroupInfo(new VssCommitment(commitment), maxSigners);
    List<KeyPackage> keys = new ArrayList<>(maxSigners);
    for (int i = 1; i <= maxSigners; i++) {
      BigInteger share = evaluate(f, BigInteger.valueOf(i), suite.order());
      keys.add(new KeyPackage(new ParticipantId(i), Scalar.of(suite, share), group));
    }
    return new DealtKeys(group, keys);
  }

  /** polynomial_evaluate by Horner's method. */
  private static BigInteger evaluate(BigInteger[] coefficients, BigInteger x, BigInteger order) {
    BigInteger value = BigInteger.ZERO;
    for (int j = coefficients.length - 1; j >= 0; j--) {
      value = value.multiply(x).add(coefficients[j]).mod(order);
    }
    return value;
  }

  private static void checkCounts(int minSigners, int maxSigners) {
    if (maxSigners < 1 || maxSigners > ParticipantId.MAX) {
      throw new InvalidParametersException(
          "MAX_PARTICIPANTS must be in [1, " + ParticipantId.MAX + "], was " + maxSigners);
    }
    if (minSigners < 1 || minSigners > maxSigners) {
      throw new InvalidParametersException(
          "MIN_PARTICIPANTS must be in [1, MAX_PARTICIPANTS = "
              + maxSigners
              + "], was "
              + minSigners);
    }
  }
}

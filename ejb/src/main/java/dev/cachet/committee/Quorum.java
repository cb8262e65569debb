package dev.cachet.committee;

import java.math.BigInteger;

/**
 * When stake is enough, for a committee of total stake {@code T}: a quorum is strictly more than
 * two thirds ({@code 3s > 2T}), validity strictly more than one third ({@code 3s > T}). Two quorums
 * always share more than a third of the stake, so with less than a third faulty they share an
 * honest member; a validity set always holds an honest member. Computed exactly (a total near
 * {@code Long.MAX_VALUE} times three does not fit a long).
 */
public final class Quorum {

  private static final BigInteger THREE = BigInteger.valueOf(3);
  private static final BigInteger TWO = BigInteger.TWO;

  private final long total;

  public Quorum(long total) {
    if (total < 1) {
      throw new IllegalArgumentException("a committee's total stake is positive, not " + total);
    }
    this.total = total;
  }

  public long totalStake() {
    return total;
  }

  /** Whether {@code stake} is strictly more than two thirds of the total. */
  public boolean isQuorum(long stake) {
    return THREE.multiply(BigInteger.valueOf(stake)).compareTo(TWO.multiply(big(total))) > 0;
  }

  /** Whether {@code stake} is strictly more than one third of the total. */
  public boolean isValidity(long stake) {
    return THREE.multiply(BigInteger.valueOf(stake)).compareTo(big(total)) > 0;
  }

  /** The least stake that is a quorum: {@code floor(2T / 3) + 1}. */
  public long quorumStake() {
    return TWO.multiply(big(total)).divide(THREE).longValueExact() + 1;
  }

  /** The least stake that reaches validity: {@code floor(T / 3) + 1}. */
  public long validityStake() {
    return big(total).divide(THREE).longValueExact() + 1;
  }

  private static BigInteger big(long value) {
    return BigInteger.valueOf(value);
  }
}

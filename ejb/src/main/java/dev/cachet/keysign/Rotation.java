package dev.cachet.keysign;

import java.math.BigInteger;

/**
 * Who coordinates a batch's session: among the key's {@code n} participants ordered by identity
 * key, number {@code (CantorPair(batch mod 2^32, chainId) + attempt) mod n}, counting from 0. Each
 * attempt moves to the next participant, so an offline coordinator costs its batch one session
 * timeout, never more (zetaclient #4514 moved its bucket for the same reason).
 */
public final class Rotation {

  private Rotation() {}

  /** The coordinator's position, 0 to {@code participants - 1}. */
  public static int coordinator(long chainId, long batch, long attempt, int participants) {
    if (participants < 1) {
      throw new IllegalArgumentException("a key has at least one participant");
    }
    if (batch < 0 || attempt < 0) {
      throw new IllegalArgumentException("batch and attempt are not negative");
    }
    BigInteger n = BigInteger.valueOf(participants);
    return CantorPair.of(batch & CantorPair.MAX_INPUT, chainId)
        .add(BigInteger.valueOf(attempt))
        .mod(n)
        .intValueExact();
  }
}

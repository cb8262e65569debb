package dev.cachet.keysign;

import java.math.BigInteger;

/**
 * Cantor's pairing function over unsigned 32-bit inputs, {@code (x + y)(x + y + 1)/2 + y}, as
 * zetaclient computes its keysign bucket, exactly (as a {@link BigInteger}: for inputs whose sum
 * reaches {@code 2^32} the result passes {@code 2^64}, where a 64-bit computation would wrap; no
 * chain id and batch of a real chain come near it).
 */
public final class CantorPair {

  static final long MAX_INPUT = 0xFFFF_FFFFL;

  private CantorPair() {}

  /**
   * @throws IllegalArgumentException if {@code x} or {@code y} is not an unsigned 32-bit value
   */
  public static BigInteger of(long x, long y) {
    if (x < 0 || x > MAX_INPUT || y < 0 || y > MAX_INPUT) {
      throw new IllegalArgumentException("Cantor pair inputs are unsigned 32-bit: " + x + ", " + y);
    }
    BigInteger sum = BigInteger.valueOf(x + y);
    return sum.multiply(sum.add(BigInteger.ONE)).shiftRight(1).add(BigInteger.valueOf(y));
  }
}

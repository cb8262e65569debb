package dev.cachet.keysign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CantorPairTest {

  private static final long MAX = 0xFFFF_FFFFL;

  /** zetaclient's vectors (pkg/math/pairing_test.go), the last one at its MaxPairValue 2^31 - 1. */
  @ParameterizedTest
  @CsvSource({
    "47, 32, 3192",
    "32767, 32767, 2147418112",
    "512628174, 6154648, 134567808466687901",
    "925478314, 91456237, 517077941108709313",
    "2147483647, 2147483647, 9223372032559808512"
  })
  void zetaclientVectors(long x, long y, String z) {
    assertThat(CantorPair.of(x, y)).isEqualTo(new BigInteger(z));
  }

  @Test
  void largestInputsAreExact() {
    // Computed here from the definition, (x + y)(x + y + 1)/2 + y, in BigInteger throughout.
    BigInteger x = BigInteger.ONE.shiftLeft(32).subtract(BigInteger.ONE);
    BigInteger sum = x.add(x);
    BigInteger expected = sum.multiply(sum.add(BigInteger.ONE)).divide(BigInteger.TWO).add(x);
    assertThat(CantorPair.of(MAX, MAX)).isEqualTo(expected);
    // Above zetaclient's MaxPairValue the exact value no longer fits 64 bits (zetaclient's uint64
    // arithmetic wraps there; it supports inputs up to 2^31 - 1 only): it is not reduced here.
    assertThat(expected.bitLength()).isGreaterThan(64);
    assertThat(CantorPair.of(MAX, 0)).isEqualTo(sumTriangle(MAX, 0));
    assertThat(CantorPair.of(0, MAX)).isEqualTo(sumTriangle(0, MAX));
    assertThat(CantorPair.of(0, 0)).isEqualTo(BigInteger.ZERO);
  }

  @Test
  void isABijectionOnASmallSquare() {
    java.util.Set<BigInteger> seen = new java.util.HashSet<>();
    for (long x = 0; x < 60; x++) {
      for (long y = 0; y < 60; y++) {
        assertThat(seen.add(CantorPair.of(x, y))).isTrue();
      }
    }
    // The first 1830 values (the triangle x + y < 60) are exactly 0 .. 1829.
    for (long z = 0; z < 1830; z++) {
      assertThat(seen).contains(BigInteger.valueOf(z));
    }
  }

  @ParameterizedTest
  @CsvSource({"-1, 0", "0, -1", "4294967296, 0", "0, 4294967296", "-9223372036854775808, 5"})
  void refusesInputsOutsideUnsigned32Bits(long x, long y) {
    assertThatThrownBy(() -> CantorPair.of(x, y)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void acceptsTheBoundsThemselves() {
    assertThat(CantorPair.of(MAX, MAX)).isPositive();
    assertThat(CantorPair.of(0, 0)).isZero();
  }

  private static BigInteger sumTriangle(long x, long y) {
    BigInteger s = BigInteger.valueOf(x).add(BigInteger.valueOf(y));
    return s.multiply(s.add(BigInteger.ONE)).shiftRight(1).add(BigInteger.valueOf(y));
  }
}

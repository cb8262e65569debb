package dev.cachet.keysign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RotationTest {

  /** The rule written out: (CantorPair(batch mod 2^32, chainId) + attempt) mod n. */
  private static int expected(long chainId, long batch, long attempt, int n) {
    return CantorPair.of(batch % (1L << 32), chainId)
        .add(BigInteger.valueOf(attempt))
        .mod(BigInteger.valueOf(n))
        .intValueExact();
  }

  @Test
  void isTheCantorPairPlusTheAttemptModuloTheParticipants() {
    long[] chains = {0, 1, 56, 137, 7000, 0xFFFF_FFFFL};
    long[] batches = {0, 1, 2, 9, 10, 123_456, 0xFFFF_FFFFL};
    for (long chain : chains) {
      for (long batch : batches) {
        for (int n = 1; n <= 9; n++) {
          for (long attempt = 0; attempt < 12; attempt++) {
            assertThat(Rotation.coordinator(chain, batch, attempt, n))
                .as("chain %d batch %d attempt %d n %d", chain, batch, attempt, n)
                .isEqualTo(expected(chain, batch, attempt, n));
          }
        }
      }
    }
  }

  @Test
  void aKnownValue() {
    // CantorPair(47, 32) = 3192 (zetaclient's vector), 3192 mod 5 = 2, then + attempt.
    assertThat(Rotation.coordinator(32, 47, 0, 5)).isEqualTo(2);
    assertThat(Rotation.coordinator(32, 47, 1, 5)).isEqualTo(3);
    assertThat(Rotation.coordinator(32, 47, 3, 5)).isEqualTo(0);
    assertThat(Rotation.coordinator(32, 47, 0, 1)).isZero();
  }

  @Test
  void eachAttemptMovesToTheNextParticipant() {
    for (int n = 1; n <= 10; n++) {
      for (long batch = 0; batch < 40; batch++) {
        int previous = Rotation.coordinator(7, batch, 0, n);
        for (long attempt = 1; attempt < 3L * n; attempt++) {
          int now = Rotation.coordinator(7, batch, attempt, n);
          assertThat(now).isEqualTo((previous + 1) % n);
          previous = now;
        }
      }
    }
  }

  @Test
  void overNAttemptsEveryParticipantCoordinatesOnce() {
    for (int n = 1; n <= 10; n++) {
      for (long batch : new long[] {0, 3, 77, 1L << 40}) {
        Set<Integer> seen = new HashSet<>();
        for (long attempt = 0; attempt < n; attempt++) {
          int c = Rotation.coordinator(1, batch, attempt, n);
          assertThat(c).isBetween(0, n - 1);
          assertThat(seen.add(c)).as("n %d batch %d attempt %d", n, batch, attempt).isTrue();
        }
        assertThat(seen).hasSize(n);
      }
    }
  }

  /**
   * The first attempts of one chain's batches follow the triangular numbers mod n, which do not
   * cover every residue: with 5 participants only 3 of them ever coordinate an attempt 0 on a given
   * chain (T_k mod 5 is 0, 1 or 3). The others coordinate from attempt 1 on. A property of the
   * pairing zetaclient chose, kept for compatibility; recorded here so nobody counts on an even
   * spread.
   */
  @Test
  void theFirstAttemptsOfAChainFollowTheTriangularNumbers() {
    for (long chain : new long[] {0, 1, 56, 137}) {
      Set<Integer> firsts = new HashSet<>();
      Set<Integer> triangular = new HashSet<>();
      for (long batch = 0; batch < 200; batch++) {
        firsts.add(Rotation.coordinator(chain, batch, 0, 5));
        long k = batch + chain;
        triangular.add((int) (((k * (k + 1) / 2) + chain) % 5));
      }
      assertThat(firsts).isEqualTo(triangular).hasSize(3);
      Set<Integer> seconds = new HashSet<>();
      for (long batch = 0; batch < 200; batch++) {
        seconds.add(Rotation.coordinator(chain, batch, 1, 5));
      }
      assertThat(seconds).hasSize(3);
    }
  }

  /**
   * A batch number at or above 2^32 enters the pairing reduced mod 2^32 (its low 32 bits), as the
   * code and its documentation say: batch {@code b + 2^32} rotates like batch {@code b}.
   */
  @Test
  void aBatchAtOrAbove2To32IsTakenMod2To32() {
    long wrap = 1L << 32;
    for (long batch : new long[] {0, 1, 5, 0xFFFF_FFFFL}) {
      for (long attempt = 0; attempt < 7; attempt++) {
        for (int n = 1; n <= 7; n++) {
          int low = Rotation.coordinator(9, batch, attempt, n);
          assertThat(Rotation.coordinator(9, batch + wrap, attempt, n)).isEqualTo(low);
          assertThat(Rotation.coordinator(9, batch + 5 * wrap, attempt, n)).isEqualTo(low);
          assertThat(Rotation.coordinator(9, batch + wrap, attempt, n))
              .isEqualTo(expected(9, batch + wrap, attempt, n));
        }
      }
    }
    assertThat(Rotation.coordinator(9, Long.MAX_VALUE, 0, 5))
        .isEqualTo(expected(9, 0xFFFF_FFFFL, 0, 5));
  }

  @Test
  void largeAttemptsStayExact() {
    long attempt = Long.MAX_VALUE;
    assertThat(Rotation.coordinator(3, 4, attempt, 7)).isEqualTo(expected(3, 4, attempt, 7));
  }

  @Test
  void refusesNonsense() {
    assertThatThrownBy(() -> Rotation.coordinator(1, 0, 0, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Rotation.coordinator(1, -1, 0, 5))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Rotation.coordinator(1, 0, -1, 5))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Rotation.coordinator(1L << 32, 0, 0, 5))
        .isInstanceOf(IllegalArgumentException.class);
  }
}

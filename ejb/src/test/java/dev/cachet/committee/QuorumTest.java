package dev.cachet.committee;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class QuorumTest {

  @Test
  void exactlyTwoThirdsIsNotAQuorumOneMoreIs() {
    Quorum q = new Quorum(3);
    assertThat(q.isQuorum(2)).isFalse();
    assertThat(q.isQuorum(3)).isTrue();
    assertThat(q.quorumStake()).isEqualTo(3);
    Quorum ninety = new Quorum(90);
    assertThat(ninety.isQuorum(60)).isFalse();
    assertThat(ninety.isQuorum(61)).isTrue();
    assertThat(ninety.quorumStake()).isEqualTo(61);
  }

  @Test
  void exactlyOneThirdIsNotValidityOneMoreIs() {
    Quorum ninety = new Quorum(90);
    assertThat(ninety.isValidity(30)).isFalse();
    assertThat(ninety.isValidity(31)).isTrue();
    assertThat(ninety.validityStake()).isEqualTo(31);
    Quorum four = new Quorum(4);
    assertThat(four.isValidity(1)).isFalse();
    assertThat(four.isValidity(2)).isTrue();
    assertThat(four.isQuorum(3)).isTrue(); // 9 > 8
    assertThat(four.quorumStake()).isEqualTo(3);
  }

  @Test
  void theLeastQuorumAndValidityStakesAreTheBoundariesForEveryTotal() {
    for (long total = 1; total <= 500; total++) {
      Quorum q = new Quorum(total);
      assertThat(q.isQuorum(q.quorumStake())).isTrue();
      assertThat(q.isQuorum(q.quorumStake() - 1)).isFalse();
      assertThat(q.isValidity(q.validityStake())).isTrue();
      assertThat(q.isValidity(q.validityStake() - 1)).isFalse();
      // Two quorums overlap in more than a third: safety of every protocol rests on it.
      assertThat(q.isValidity(2 * q.quorumStake() - total)).isTrue();
    }
  }

  @Test
  void doesNotOverflowNearTheLargestTotal() {
    Quorum q = new Quorum(Long.MAX_VALUE);
    assertThat(q.isQuorum(Long.MAX_VALUE)).isTrue();
    assertThat(q.isQuorum(Long.MAX_VALUE / 3 * 2)).isFalse();
    assertThat(q.quorumStake())
        .isEqualTo(Long.MAX_VALUE / 3 * 2 + 1 + (Long.MAX_VALUE % 3 == 2 ? 1 : 0));
    assertThat(q.isQuorum(q.quorumStake())).isTrue();
    assertThat(q.isQuorum(q.quorumStake() - 1)).isFalse();
  }

  @Test
  void refusesANonPositiveTotal() {
    assertThatThrownBy(() -> new Quorum(0)).isInstanceOf(IllegalArgumentException.class);
  }
}

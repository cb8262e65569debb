package dev.cachet.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachet.committee.CheckpointDuty;
import dev.cachet.committee.Committee;
import dev.cachet.committee.Member;
import dev.cachet.node.IdentityKey;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The attestation pool: by slot and proposal, a quorum by stake, committee order, pruning. */
class AttestationPoolTest {

  @Test
  void collectsByProposalCountsStakeOrdersByCommitteeAndPrunesOldSlots() {
    List<Member> members = new ArrayList<>();
    for (int i = 1; i <= 4; i++) {
      byte[] key = new byte[32];
      Arrays.fill(key, (byte) (0x10 * i));
      members.add(
          new Member(
              "v" + i,
              IdentityKey.of(key),
              i == 4 ? 3 : 1, // stakes 1, 1, 1, 3: total 6, a quorum is more than 4
              URI.create("http://127.0.0.1:900" + i),
              Optional.of(new CheckpointDuty(100 + i, new byte[] {1}, new byte[] {2}))));
    }
    Committee committee = Committee.of(0, members);
    AttestationPool pool = new AttestationPool(4);
    CheckpointHeader a =
        new CheckpointHeader(10, 1, 2, Bytes32.ZERO, Bytes32.sha256(new byte[] {1}));
    CheckpointHeader b =
        new CheckpointHeader(10, 1, 2, Bytes32.ZERO, Bytes32.sha256(new byte[] {2}));

    assertThat(pool.add(a, new AttestationPool.Attestation(103, new byte[] {3}))).isTrue();
    assertThat(pool.add(a, new AttestationPool.Attestation(103, new byte[] {3}))).isFalse();
    pool.add(a, new AttestationPool.Attestation(101, new byte[] {1}));
    pool.add(b, new AttestationPool.Attestation(104, new byte[] {4}));
    assertThat(pool.isQuorum(committee, a)).as("stake 2 of 6").isFalse();
    pool.add(a, new AttestationPool.Attestation(104, new byte[] {4}));
    assertThat(pool.isQuorum(committee, a)).as("stake 5 of 6").isTrue();
    assertThat(pool.isQuorum(committee, b))
        .as("another proposal's attestations do not count")
        .isFalse();
    assertThat(pool.attestations(committee, a))
        .extracting(AttestationPool.Attestation::validatorIndex)
        .containsExactly(101L, 103L, 104L);

    pool.add(
        new CheckpointHeader(14, 3, 3, Bytes32.ZERO, Bytes32.ZERO),
        new AttestationPool.Attestation(101, new byte[] {1}));
    assertThat(pool.attestations(committee, a)).as("slot 10 is pruned at slot 14").isEmpty();
    assertThat(pool.add(a, new AttestationPool.Attestation(102, new byte[] {2})))
        .as("too old")
        .isFalse();
  }
}

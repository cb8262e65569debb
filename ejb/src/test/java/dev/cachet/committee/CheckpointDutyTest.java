package dev.cachet.committee;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cachet.node.IdentityKey;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Members' checkpoint duties (issue 15): kept in the committee's bytes (version 2, only when some
 * member has one, so every other committee keeps its version-1 bytes and digest), a validator at
 * most once, and the slot's proposer chosen among the members with a duty by identity key.
 */
class CheckpointDutyTest {

  private static IdentityKey key(int b) {
    byte[] k = new byte[32];
    Arrays.fill(k, (byte) b);
    return IdentityKey.of(k);
  }

  private static byte[] bytes(int length, int fill) {
    byte[] b = new byte[length];
    Arrays.fill(b, (byte) fill);
    return b;
  }

  private static Member member(int b, Long validator) {
    return new Member(
        "n" + b,
        key(b),
        b,
        URI.create("http://127.0.0.1:" + (9000 + b)),
        validator == null
            ? Optional.empty()
            : Optional.of(new CheckpointDuty(validator, bytes(68, b), bytes(64, b + 1))));
  }

  @Test
  void dutiesSurviveTheCanonicalBytesAndOtherCommitteesKeepVersionOne() {
    Committee with =
        Committee.of(3, List.of(member(0x30, 7L), member(0x10, null), member(0x20, 2L)));
    byte[] bytes = CommitteeCodec.encode(with);
    assertThat(bytes[0]).isEqualTo((byte) 2);
    Committee decoded = CommitteeCodec.decode(bytes);
    assertThat(decoded).isEqualTo(with);
    assertThat(decoded.members().get(2).duty())
        .contains(new CheckpointDuty(7, bytes(68, 0x30), bytes(64, 0x31)));
    assertThat(decoded.members().get(0).duty()).isEmpty();

    Committee without = Committee.of(3, List.of(member(0x10, null), member(0x20, null)));
    assertThat(CommitteeCodec.encode(without)[0]).isEqualTo((byte) 1);
    assertThat(CommitteeCodec.decode(CommitteeCodec.encode(without))).isEqualTo(without);
  }

  @Test
  void aVersionTwoCommitteeWithoutADutyOrWithAnotherFlagIsRefused() {
    byte[] v1 = CommitteeCodec.encode(Committee.of(3, List.of(member(0x10, null))));
    List<Byte> v2 = new ArrayList<>();
    for (byte b : v1) {
      v2.add(b);
    }
    v2.set(0, (byte) 2);
    v2.add((byte) 0); // the member's flag: no duty
    assertThatThrownBy(() -> CommitteeCodec.decode(toArray(v2)))
        .isInstanceOf(IllegalArgumentException.class);
    v2.set(v2.size() - 1, (byte) 5);
    assertThatThrownBy(() -> CommitteeCodec.decode(toArray(v2)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aValidatorAppearsOnceAndItsKeysAreNotEmpty() {
    assertThatThrownBy(() -> Committee.of(1, List.of(member(0x10, 4L), member(0x20, 4L))))
        .isInstanceOf(InvalidCommitteeException.class)
        .hasMessageContaining("validator 4");
    assertThatThrownBy(() -> new CheckpointDuty(1, new byte[0], bytes(64, 1)))
        .isInstanceOf(InvalidCommitteeException.class);
    assertThatThrownBy(() -> new CheckpointDuty(-1, bytes(64, 1), bytes(64, 1)))
        .isInstanceOf(InvalidCommitteeException.class);
  }

  @Test
  void theProposerOfASlotRotatesOverTheMembersWithADutyByIdentityKey() {
    Committee c =
        Committee.of(
            1, List.of(member(0x40, 9L), member(0x10, 3L), member(0x30, null), member(0x20, 5L)));
    assertThat(c.validators())
        .extracting(Member::identityKey)
        .containsExactly(key(0x10), key(0x20), key(0x40));
    assertThat(c.proposerOf(0).orElseThrow().identityKey()).isEqualTo(key(0x10));
    assertThat(c.proposerOf(1).orElseThrow().identityKey()).isEqualTo(key(0x20));
    assertThat(c.proposerOf(2).orElseThrow().identityKey()).isEqualTo(key(0x40));
    assertThat(c.proposerOf(3).orElseThrow().identityKey()).isEqualTo(key(0x10));
    assertThat(Committee.of(1, List.of(member(0x10, null))).proposerOf(5)).isEmpty();
  }

  private static byte[] toArray(List<Byte> list) {
    byte[] out = new byte[list.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = list.get(i);
    }
    return out;
  }
}

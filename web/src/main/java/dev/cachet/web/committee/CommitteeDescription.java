package dev.cachet.web.committee;

import dev.cachet.committee.Committee;
import dev.cachet.committee.Member;
import java.util.HexFormat;
import java.util.List;

/**
 * A committee as the committee endpoints write it: the API's own shape, so the core can change
 * without changing the wire. Members in ascending order of identity key (the order every protocol
 * uses), the stakes that make a quorum (more than 2/3) and validity (more than 1/3).
 */
public record CommitteeDescription(
    long epoch,
    List<MemberDescription> members,
    long totalStake,
    long quorumStake,
    long validityStake) {

  /**
   * A member: its identity key in lowercase hex, its peer base URL in canonical form, and its
   * checkpoint duty's validator index and keys (absent when it has none).
   */
  public record MemberDescription(
      String name,
      String identityKey,
      long stake,
      String url,
      Long validatorIndex,
      String attestationKey,
      String proposalKey) {

    static MemberDescription of(Member member) {
      HexFormat hex = HexFormat.of();
      return new MemberDescription(
          member.name(),
          member.identityKey().hex(),
          member.stake(),
          member.url().toString(),
          member.duty().map(d -> d.validatorIndex()).orElse(null),
          member.duty().map(d -> hex.formatHex(d.attestationKey())).orElse(null),
          member.duty().map(d -> hex.formatHex(d.proposalKey())).orElse(null));
    }
  }

  static CommitteeDescription of(Committee committee) {
    return new CommitteeDescription(
        committee.epoch(),
        committee.members().stream().map(MemberDescription::of).toList(),
        committee.totalStake(),
        committee.quorum().quorumStake(),
        committee.quorum().validityStake());
  }
}

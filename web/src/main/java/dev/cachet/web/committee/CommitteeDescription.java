package dev.cachet.web.committee;

import dev.cachet.committee.Committee;
import dev.cachet.committee.Member;
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

  /** A member: its identity key in lowercase hex, its peer base URL in canonical form. */
  public record MemberDescription(String name, String identityKey, long stake, String url) {

    static MemberDescription of(Member member) {
      return new MemberDescription(
          member.name(), member.identityKey().hex(), member.stake(), member.url().toString());
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

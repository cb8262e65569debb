package dev.cachet.web.committee;

import dev.cachet.bytes.LowercaseHex;
import dev.cachet.committee.CheckpointDuty;
import dev.cachet.committee.Committee;
import dev.cachet.committee.InvalidCommitteeException;
import dev.cachet.committee.Member;
import dev.cachet.error.InvalidRequestException;
import dev.cachet.node.IdentityKey;
import dev.cachet.web.validation.ErrorCode;
import dev.cachet.web.validation.Required;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The committee request as it arrives, and its translation into the core's {@link Committee}. The
 * members' own rules (how many, unique keys, positive stakes, names, URLs) stay in the committee
 * core; this only says which field is missing. Bean Validation checks the body's own field when it
 * is read; the members' fields are checked here, since cascading into list elements would take an
 * annotation on the record component, which Payara's OpenAPI scanner cannot take (see {@link
 * Required}).
 */
public final class CommitteeRequests {

  private static final Pattern EPOCH = Pattern.compile("[0-9]{1,19}");

  private CommitteeRequests() {}

  /** {@code PUT /api/v1/admin/committees/{epoch}}. */
  public record SetCommittee(
      @Required(payload = ErrorCode.InvalidCommittee.class) List<MemberEntry> members) {}

  /**
   * A member as the operator gives it: the identity key in lowercase hex, the peer base URL, and,
   * for a member whose node runs a validator for checkpoints, its index and XMSS^MT public keys
   * (lowercase hex, as {@code GET /api/v1/keys/{validatorIndex}/{role}} shows {@code publicKey}):
   * all three or none.
   */
  public record MemberEntry(
      String name,
      String identityKey,
      Long stake,
      String url,
      Long validatorIndex,
      String attestationKey,
      String proposalKey) {}

  /**
   * An epoch from a path: a whole number from 0 (digits only).
   *
   * @throws InvalidRequestException {@code INVALID_EPOCH} for anything else
   */
  public static long epoch(String text) {
    if (text != null && EPOCH.matcher(text).matches()) {
      try {
        return Long.parseLong(text);
      } catch (NumberFormatException e) {
        // beyond 2^63 - 1: refused below
      }
    }
    throw new InvalidRequestException(
        "INVALID_EPOCH", "an epoch is a whole number from 0, not '" + text + "'");
  }

  /**
   * The committee the request describes for {@code epoch}.
   *
   * @throws InvalidCommitteeException if a member or one of its fields is missing, or the members
   *     cannot be a committee
   * @throws InvalidRequestException {@code INVALID_IDENTITY_KEY} for a key that is not 64 lowercase
   *     hex characters
   */
  public static Committee committee(long epoch, SetCommittee body) {
    List<Member> members = new ArrayList<>(body.members().size());
    for (int i = 0; i < body.members().size(); i++) {
      MemberEntry entry = body.members().get(i);
      String field = "members[" + i + "]";
      if (entry == null) {
        throw new InvalidCommitteeException(field + " is not a member");
      }
      required(entry.name(), field + ".name");
      required(entry.identityKey(), field + ".identityKey");
      required(entry.stake(), field + ".stake");
      required(entry.url(), field + ".url");
      members.add(
          new Member(
              entry.name(),
              IdentityKey.parse(entry.identityKey()),
              entry.stake(),
              Committee.parseUrl(entry.url()),
              duty(entry, field)));
    }
    return Committee.of(epoch, members);
  }

  private static Optional<CheckpointDuty> duty(MemberEntry entry, String field) {
    int given =
        (entry.validatorIndex() == null ? 0 : 1)
            + (entry.attestationKey() == null ? 0 : 1)
            + (entry.proposalKey() == null ? 0 : 1);
    if (given == 0) {
      return Optional.empty();
    }
    if (given != 3) {
      throw new InvalidCommitteeException(
          field + " has validatorIndex, attestationKey and proposalKey, or none of them");
    }
    return Optional.of(
        new CheckpointDuty(
            entry.validatorIndex(),
            hex(entry.attestationKey(), field + ".attestationKey"),
            hex(entry.proposalKey(), field + ".proposalKey")));
  }

  private static byte[] hex(String text, String field) {
    byte[] bytes = LowercaseHex.upTo(text, Integer.MAX_VALUE);
    if (bytes == null) {
      throw new InvalidCommitteeException(field + " is lowercase hex");
    }
    return bytes;
  }

  private static void required(Object value, String field) {
    if (value == null) {
      throw new InvalidCommitteeException(field + " is required");
    }
  }
}

package dev.cachet.committee;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A member's checkpoint duty (issue 15): the validator its node runs and that validator's XMSS^MT
 * public keys, in the RFC 8391 encoding {@code GET /api/v1/keys/{validatorIndex}/{role}} shows as
 * {@code publicKey}. Peers' checkpoint signatures are verified against these, never against what a
 * peer says about itself.
 */
public record CheckpointDuty(long validatorIndex, byte[] attestationKey, byte[] proposalKey) {

  /** The most bytes of a public key encoding (an OID and two 32-byte values are 68). */
  public static final int MAX_KEY_LENGTH = 256;

  public CheckpointDuty {
    if (validatorIndex < 0) {
      throw new InvalidCommitteeException("a validator index is not negative: " + validatorIndex);
    }
    attestationKey = checkKey(attestationKey, "attestationKey");
    proposalKey = checkKey(proposalKey, "proposalKey");
  }

  private static byte[] checkKey(byte[] key, String field) {
    Objects.requireNonNull(key, field);
    if (key.length < 1 || key.length > MAX_KEY_LENGTH) {
      throw new InvalidCommitteeException(
          field + " is a public key of 1 to " + MAX_KEY_LENGTH + " bytes");
    }
    return key.clone();
  }

  @Override
  public byte[] attestationKey() {
    return attestationKey.clone();
  }

  @Override
  public byte[] proposalKey() {
    return proposalKey.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CheckpointDuty d
        && validatorIndex == d.validatorIndex
        && Arrays.equals(attestationKey, d.attestationKey)
        && Arrays.equals(proposalKey, d.proposalKey);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(validatorIndex) * 31 * 31
        + Arrays.hashCode(attestationKey) * 31
        + Arrays.hashCode(proposalKey);
  }

  @Override
  public String toString() {
    return "CheckpointDuty[validator "
        + validatorIndex
        + ", attestationKey "
        + HexFormat.of().formatHex(attestationKey)
        + ", proposalKey "
        + HexFormat.of().formatHex(proposalKey)
        + "]";
  }
}

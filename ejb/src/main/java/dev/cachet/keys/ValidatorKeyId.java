package dev.cachet.keys;

import dev.cachet.error.InvalidRequestException;
import java.util.Objects;
import java.util.Optional;

/** One key of one validator: its index and role. Names its vault record. */
public record ValidatorKeyId(long validatorIndex, KeyRole role) {

  static final String RECORD_PREFIX = "keys/";

  public ValidatorKeyId {
    Objects.requireNonNull(role, "role");
    if (validatorIndex < 0) {
      throw new InvalidRequestException(
          "INVALID_VALIDATOR_INDEX", "a validator index is not negative, got " + validatorIndex);
    }
  }

  /** The vault record that holds this key's seeds and watermark. */
  public String recordName() {
    return RECORD_PREFIX + validatorIndex + "/" + role.pathName();
  }

  /** The key a vault record name belongs to, if it is a key record. */
  static Optional<ValidatorKeyId> ofRecordName(String name) {
    if (!name.startsWith(RECORD_PREFIX)) {
      return Optional.empty();
    }
    String[] parts = name.substring(RECORD_PREFIX.length()).split("/");
    if (parts.length != 2) {
      return Optional.empty();
    }
    try {
      return Optional.of(new ValidatorKeyId(Long.parseLong(parts[0]), KeyRole.parse(parts[1])));
    } catch (NumberFormatException | InvalidRequestException e) {
      return Optional.empty();
    }
  }

  @Override
  public String toString() {
    return "validator " + validatorIndex + " " + role.pathName() + " key";
  }
}

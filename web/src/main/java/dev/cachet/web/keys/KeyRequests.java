package dev.cachet.web.keys;

import dev.cachet.error.InvalidRequestException;
import dev.cachet.keys.GenerateKey;
import dev.cachet.keys.ImportKey;
import dev.cachet.keys.KeyParameters;
import dev.cachet.keys.KeyRole;
import dev.cachet.keys.ValidatorKeyId;
import dev.cachet.web.validation.ErrorCode;
import dev.cachet.web.validation.Hex32;
import dev.cachet.web.validation.NotNegative;
import dev.cachet.web.validation.Required;
import dev.cachet.xmss.XmssSecretSeeds;
import java.util.HexFormat;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * The key requests as they arrive, with their constraints (checked by Bean Validation when the body
 * is read, see {@code JsonBodies}), and their translation into the key manager's commands. The
 * domain's own rules (which parameters a request means, what a role is) stay in the keys core.
 */
public final class KeyRequests {

  /** What a required 32-byte hex field that is missing is told. */
  static final String HEX32 = "must be 32 bytes as 64 lowercase hex characters";

  private KeyRequests() {}

  /** {@code POST /api/v1/admin/keys}. */
  public record Generate(
      @Required(payload = ErrorCode.InvalidValidatorIndex.class)
          @NotNegative(payload = ErrorCode.InvalidValidatorIndex.class)
          Long validatorIndex,
      @Required(payload = ErrorCode.InvalidRole.class) String role,
      Integer height,
      Integer layers,
      @NotNegative(payload = ErrorCode.InvalidSlot.class) Long activationSlot) {}

  /** {@code POST /api/v1/admin/keys/import}. */
  public record Import(
      @Required(payload = ErrorCode.InvalidValidatorIndex.class)
          @NotNegative(payload = ErrorCode.InvalidValidatorIndex.class)
          Long validatorIndex,
      @Required(payload = ErrorCode.InvalidRole.class) String role,
      @Required(payload = ErrorCode.InvalidParameters.class) Integer height,
      @Required(payload = ErrorCode.InvalidParameters.class) Integer layers,
      @Required(message = HEX32, payload = ErrorCode.InvalidHex.class)
          @Hex32(payload = ErrorCode.InvalidHex.class)
          String secretKeySeed,
      @Required(message = HEX32, payload = ErrorCode.InvalidHex.class)
          @Hex32(payload = ErrorCode.InvalidHex.class)
          String secretKeyPrf,
      @Required(message = HEX32, payload = ErrorCode.InvalidHex.class)
          @Hex32(payload = ErrorCode.InvalidHex.class)
          String publicSeed,
      @Hex32(payload = ErrorCode.InvalidHex.class) String root,
      @NotNegative(payload = ErrorCode.InvalidSlot.class) Long nextSlot) {}

  static GenerateKey generate(Generate body) {
    return new GenerateKey(
        new ValidatorKeyId(body.validatorIndex(), KeyRole.parse(body.role())),
        KeyParameters.forGeneration(optional(body.height()), optional(body.layers())),
        optional(body.activationSlot()));
  }

  static ImportKey importing(Import body) {
    HexFormat hex = HexFormat.of();
    return new ImportKey(
        new ValidatorKeyId(body.validatorIndex(), KeyRole.parse(body.role())),
        KeyParameters.forImport(optional(body.height()), optional(body.layers())),
        XmssSecretSeeds.of(
            hex.parseHex(body.secretKeySeed()),
            hex.parseHex(body.secretKeyPrf()),
            hex.parseHex(body.publicSeed())),
        Optional.ofNullable(body.root()).map(hex::parseHex),
        optional(body.nextSlot()));
  }

  /** A validator index from a path: a whole number, not negative. */
  static long validatorIndex(String text) {
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new InvalidRequestException(
          "INVALID_VALIDATOR_INDEX", "a validator index is a whole number, not '" + text + "'");
    }
  }

  private static OptionalInt optional(Integer value) {
    return value == null ? OptionalInt.empty() : OptionalInt.of(value);
  }

  private static OptionalLong optional(Long value) {
    return value == null ? OptionalLong.empty() : OptionalLong.of(value);
  }
}

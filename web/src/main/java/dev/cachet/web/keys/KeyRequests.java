package dev.cachet.web.keys;

import dev.cachet.error.InvalidRequestException;
import dev.cachet.keys.GenerateKey;
import dev.cachet.keys.ImportKey;
import dev.cachet.keys.KeyRole;
import dev.cachet.keys.ValidatorKeyId;
import dev.cachet.xmss.XmssParameters;
import dev.cachet.xmss.XmssParametersException;
import dev.cachet.xmss.XmssSecretSeeds;
import java.util.HexFormat;
import java.util.Optional;
import java.util.OptionalLong;

/** Turns request bodies and path parameters into the key manager's commands, or a 400. */
public final class KeyRequests {

  /** The production parameter set: h = 32, d = 2. */
  static final XmssParameters DEFAULT_PARAMETERS = XmssParameters.PRODUCTION;

  private KeyRequests() {}

  /** {@code POST /api/v1/admin/keys}. */
  public record Generate(
      Long validatorIndex, String role, Integer height, Integer layers, Long activationSlot) {}

  /** {@code POST /api/v1/admin/keys/import}. */
  public record Import(
      Long validatorIndex,
      String role,
      Integer height,
      Integer layers,
      String secretKeySeed,
      String secretKeyPrf,
      String publicSeed,
      String root,
      Long nextSlot) {}

  static GenerateKey generate(Generate body) {
    return new GenerateKey(
        id(body.validatorIndex(), body.role()),
        parameters(body.height(), body.layers()),
        optionalSlot(body.activationSlot(), "activationSlot"));
  }

  static ImportKey importing(Import body) {
    if (body.height() == null || body.layers() == null) {
      throw new InvalidRequestException(
          "INVALID_PARAMETERS", "an imported key names its height and layers");
    }
    XmssSecretSeeds seeds =
        XmssSecretSeeds.of(
            hex32(body.secretKeySeed(), "secretKeySeed"),
            hex32(body.secretKeyPrf(), "secretKeyPrf"),
            hex32(body.publicSeed(), "publicSeed"));
    return new ImportKey(
        id(body.validatorIndex(), body.role()),
        parameters(body.height(), body.layers()),
        seeds,
        body.root() == null ? Optional.empty() : Optional.of(hex32(body.root(), "root")),
        optionalSlot(body.nextSlot(), "nextSlot"));
  }

  static ValidatorKeyId id(Long validatorIndex, String role) {
    if (validatorIndex == null) {
      throw new InvalidRequestException("INVALID_VALIDATOR_INDEX", "validatorIndex is required");
    }
    return new ValidatorKeyId(validatorIndex, KeyRole.parse(role));
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

  static long slot(Long slot) {
    if (slot == null || slot < 0) {
      throw new InvalidRequestException("INVALID_SLOT", "slot is required and not negative");
    }
    return slot;
  }

  private static OptionalLong optionalSlot(Long slot, String field) {
    if (slot == null) {
      return OptionalLong.empty();
    }
    if (slot < 0) {
      throw new InvalidRequestException("INVALID_SLOT", field + " must not be negative");
    }
    return OptionalLong.of(slot);
  }

  private static XmssParameters parameters(Integer height, Integer layers) {
    if (height == null && layers == null) {
      return DEFAULT_PARAMETERS;
    }
    if (height == null || layers == null) {
      throw new InvalidRequestException(
          "INVALID_PARAMETERS", "give both height and layers, or neither for h = 32, d = 2");
    }
    try {
      return new XmssParameters(height, layers);
    } catch (XmssParametersException e) {
      throw new InvalidRequestException("INVALID_PARAMETERS", e.getMessage());
    }
  }

  private static byte[] hex32(String text, String field) {
    if (text == null || !text.matches("[0-9a-f]{64}")) {
      throw new InvalidRequestException(
          "INVALID_HEX", field + " must be 32 bytes as 64 lowercase hex characters");
    }
    return HexFormat.of().parseHex(text);
  }
}

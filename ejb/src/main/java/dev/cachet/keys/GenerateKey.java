package dev.cachet.keys;

import dev.cachet.xmss.XmssParameters;
import java.util.Objects;
import java.util.OptionalLong;

/** An operator's request for a new key; the activation slot defaults to the current slot. */
public record GenerateKey(
    ValidatorKeyId id, XmssParameters parameters, OptionalLong activationSlot) {

  public GenerateKey {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(parameters, "parameters");
    Objects.requireNonNull(activationSlot, "activationSlot");
  }
}

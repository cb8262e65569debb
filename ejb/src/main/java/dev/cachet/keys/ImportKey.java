package dev.cachet.keys;

import dev.cachet.xmss.XmssParameters;
import dev.cachet.xmss.XmssSecretSeeds;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * An operator's import of a key made elsewhere (seeds as RFC 8391 and BouncyCastle name them). The
 * import is refused unless the seeds give {@code root} when one is stated; {@code nextSlot} is the
 * lowest slot the key may still sign (default: the current slot, since earlier slots may have been
 * signed where the key came from).
 */
public record ImportKey(
    ValidatorKeyId id,
    XmssParameters parameters,
    XmssSecretSeeds seeds,
    Optional<byte[]> root,
    OptionalLong nextSlot) {

  public ImportKey {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(parameters, "parameters");
    Objects.requireNonNull(seeds, "seeds");
    root = Objects.requireNonNull(root, "root").map(byte[]::clone);
    Objects.requireNonNull(nextSlot, "nextSlot");
  }
}

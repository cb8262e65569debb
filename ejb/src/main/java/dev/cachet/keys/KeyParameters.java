package dev.cachet.keys;

import dev.cachet.error.InvalidRequestException;
import dev.cachet.xmss.XmssParameters;
import dev.cachet.xmss.XmssParametersException;
import java.util.OptionalInt;

/**
 * Which XMSS^MT parameters a key request means: a generation names its height and layers, or
 * neither for the production set (h = 32, d = 2); an import always names both (the seeds were made
 * for one set). Anything else is {@code INVALID_PARAMETERS}.
 */
public final class KeyParameters {

  /** What a generation that names no parameters gets. */
  public static final XmssParameters DEFAULT = XmssParameters.PRODUCTION;

  private KeyParameters() {}

  /** For a generation: both, or neither for {@link #DEFAULT}. */
  public static XmssParameters forGeneration(OptionalInt height, OptionalInt layers) {
    if (height.isEmpty() && layers.isEmpty()) {
      return DEFAULT;
    }
    if (height.isEmpty() || layers.isEmpty()) {
      throw new InvalidRequestException(
          "INVALID_PARAMETERS", "give both height and layers, or neither for h = 32, d = 2");
    }
    return of(height.getAsInt(), layers.getAsInt());
  }

  /** For an import: both. */
  public static XmssParameters forImport(OptionalInt height, OptionalInt layers) {
    if (height.isEmpty() || layers.isEmpty()) {
      throw new InvalidRequestException(
          "INVALID_PARAMETERS", "an imported key names its height and layers");
    }
    return of(height.getAsInt(), layers.getAsInt());
  }

  private static XmssParameters of(int height, int layers) {
    try {
      return new XmssParameters(height, layers);
    } catch (XmssParametersException e) {
      throw new InvalidRequestException("INVALID_PARAMETERS", e.getMessage());
    }
  }
}

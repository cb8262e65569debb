package dev.cachet.frost;

/**
 * Bytes that are not a valid versioned encoding of the expected FROST value: truncated, trailing
 * bytes, another value type, an unknown version or ciphersuite, or a length over a limit.
 */
public final class FrostEncodingException extends InvalidFrostInputException {

  FrostEncodingException(String code, String message) {
    super(code, message);
  }

  static FrostEncodingException malformed(String what, String why) {
    return new FrostEncodingException("FROST_MALFORMED_ENCODING", "malformed " + what + ": " + why);
  }

  static FrostEncodingException unsupportedVersion(String what, int version) {
    return new FrostEncodingException(
        "FROST_UNSUPPORTED_VERSION", "unsupported " + what + " encoding version " + version);
  }

  static FrostEncodingException unknownSuite(int code) {
    return new FrostEncodingException("FROST_UNKNOWN_SUITE", "unknown ciphersuite code " + code);
  }
}

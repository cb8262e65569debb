package dev.cachet.frost;

import java.util.List;
import java.util.Optional;

/** The ciphersuites this package implements, and their lookup by encoding code or RFC name. */
public final class Ciphersuites {

  /** FROST(secp256k1, SHA-256), RFC 9591 §6.5: the suite Cachet's committee signs with. */
  public static final Ciphersuite SECP256K1_SHA256 =
      new Sec1Ciphersuite("FROST(secp256k1, SHA-256)", 1, "FROST-secp256k1-SHA256-v1", "secp256k1");

  /** FROST(P-256, SHA-256), RFC 9591 §6.4. */
  public static final Ciphersuite P256_SHA256 =
      new Sec1Ciphersuite("FROST(P-256, SHA-256)", 2, "FROST-P256-SHA256-v1", "secp256r1");

  private static final List<Ciphersuite> ALL = List.of(SECP256K1_SHA256, P256_SHA256);

  private Ciphersuites() {}

  /** Every implemented suite. */
  public static List<Ciphersuite> all() {
    return ALL;
  }

  /** The suite with this encoding code, if implemented. */
  public static Optional<Ciphersuite> byCode(int code) {
    return ALL.stream().filter(s -> s.code() == code).findFirst();
  }

  /** The suite with this RFC name (as in the test vectors' config), if implemented. */
  public static Optional<Ciphersuite> byName(String name) {
    return ALL.stream().filter(s -> s.name().equals(name)).findFirst();
  }
}

package dev.cachet.frost;

import java.util.Objects;

/**
 * A participant's public commitment to one nonce pair (RFC 9591 §5.1): the hiding and binding nonce
 * commitments, both of one ciphersuite.
 */
public record NonceCommitment(Element hiding, Element binding) {

  public NonceCommitment {
    Objects.requireNonNull(hiding, "hiding");
    Objects.requireNonNull(binding, "binding");
    if (hiding.suite() != binding.suite()) {
      throw new InvalidParametersException("commitments of different ciphersuites");
    }
  }

  public Ciphersuite suite() {
    return hiding.suite();
  }
}

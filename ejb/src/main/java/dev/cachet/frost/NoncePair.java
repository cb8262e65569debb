package dev.cachet.frost;

import java.math.BigInteger;
import java.security.SecureRandom;

/**
 * One secret nonce pair (hiding, binding) of round one. Never leaves the package and never prints:
 * whoever learns it and the matching share learns the key share.
 */
final class NoncePair {

  /** Fresh random bytes per nonce (RFC 9591 §4.1). */
  static final int RANDOM_BYTES = 32;

  final BigInteger hiding;
  final BigInteger binding;

  private NoncePair(BigInteger hiding, BigInteger binding) {
    this.hiding = hiding;
    this.binding = binding;
  }

  /** Two calls of nonce_generate, hiding first, as RFC 9591 §5.1 commit does. */
  static NoncePair generate(Ciphersuite suite, SecureRandom random, Scalar secretKey) {
    byte[] secret = secretKey.toBytes();
    BigInteger hiding = nonce(suite, random, secret);
    BigInteger binding = nonce(suite, random, secret);
    return new NoncePair(hiding, binding);
  }

  /** nonce_generate: H3(random_bytes(32) || SerializeScalar(secret)). */
  private static BigInteger nonce(Ciphersuite suite, SecureRandom random, byte[] secret) {
    byte[] input = new byte[RANDOM_BYTES + secret.length];
    byte[] fresh = new byte[RANDOM_BYTES];
    random.nextBytes(fresh);
    System.arraycopy(fresh, 0, input, 0, RANDOM_BYTES);
    System.arraycopy(secret, 0, input, RANDOM_BYTES, secret.length);
    return suite.h3(input);
  }

  NonceCommitment commit(Ciphersuite suite) {
    return new NonceCommitment(
        Element.of(suite, suite.multiplyGenerator(hiding)),
        Element.of(suite, suite.multiplyGenerator(binding)));
  }

  @Override
  public String toString() {
    return "NoncePair[secret]";
  }
}

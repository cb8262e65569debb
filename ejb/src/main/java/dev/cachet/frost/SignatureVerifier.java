package dev.cachet.frost;

import java.math.BigInteger;
import org.bouncycastle.math.ec.ECAlgorithms;
import org.bouncycastle.math.ec.ECPoint;

/**
 * Schnorr signature verification for prime-order groups (RFC 9591 Appendix C, prime_order_verify),
 * the check for both implemented suites: [z]B == R + [c]PK with c = H2(R || PK || msg).
 */
public final class SignatureVerifier {

  private SignatureVerifier() {}

  /** Whether {@code signature} signs {@code message} under {@code key}; false across suites. */
  public static boolean verify(GroupPublicKey key, Message message, Signature signature) {
    Ciphersuite suite = key.suite();
    if (signature.suite() != suite) {
      return false;
    }
    BigInteger c = Challenge.compute(suite, signature.r(), key.element(), message);
    // [z]B + [-c]PK == R: one interleaved double multiplication of public values.
    ECPoint lhs =
        ECAlgorithms.sumOfTwoMultiplies(
            suite.generator(),
            signature.z().value(),
            key.element().point(),
            suite.order().subtract(c).mod(suite.order()));
    return lhs.equals(signature.r().point());
  }
}

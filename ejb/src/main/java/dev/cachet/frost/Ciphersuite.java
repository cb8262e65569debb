package dev.cachet.frost;

import java.math.BigInteger;
import java.security.SecureRandom;
import org.bouncycastle.math.ec.ECPoint;

/**
 * A FROST ciphersuite (RFC 9591 §6): a prime-order group with its canonical encodings and the five
 * domain-separated hashes. The protocol code takes a suite as a parameter and never depends on
 * which one it is. Implementations are immutable and safe to share between threads.
 */
public interface Ciphersuite {

  /** The RFC's name, e.g. {@code FROST(secp256k1, SHA-256)}. */
  String name();

  /** The suite's byte in this package's versioned encodings (1 to 255, never reused). */
  int code();

  /** The RFC's contextString, e.g. {@code FROST-secp256k1-SHA256-v1}. */
  String contextString();

  /** Ne: length of a serialized element. */
  int elementLength();

  /** Ns: length of a serialized scalar. */
  int scalarLength();

  /** The group order p. */
  BigInteger order();

  /** The group's fixed generator B. */
  ECPoint generator();

  /**
   * ScalarBaseMult for secret scalars (key shares, nonces, polynomial coefficients), with a
   * multiplier whose running time does not depend on the scalar.
   */
  ECPoint multiplyGenerator(BigInteger secret);

  /** SerializeElement; refuses the identity element. */
  byte[] serializeElement(ECPoint element);

  /** DeserializeElement with the suite's full input validation; never returns the identity. */
  ECPoint deserializeElement(byte[] encoding);

  /** SerializeScalar of a scalar in [0, p - 1]. */
  byte[] serializeScalar(BigInteger scalar);

  /** DeserializeScalar; refuses any encoding of a value outside [0, p - 1]. */
  BigInteger deserializeScalar(byte[] encoding);

  /** H1: the binding factor hash. */
  BigInteger h1(byte[] input);

  /** H2: the challenge hash. */
  BigInteger h2(byte[] input);

  /** H3: the nonce hash. */
  BigInteger h3(byte[] input);

  /** H4: the message hash. */
  byte[] h4(byte[] input);

  /** H5: the commitment list hash. */
  byte[] h5(byte[] input);

  /**
   * RandomScalar by wide reduction (RFC 9591 Appendix E.2): reduces 1.5 times the order's length in
   * random bytes, so the bias is negligible.
   */
  default BigInteger randomScalar(SecureRandom random) {
    byte[] wide = new byte[(3 * order().bitLength() / 2 + 7) / 8];
    random.nextBytes(wide);
    return new BigInteger(1, wide).mod(order());
  }
}

package dev.cachet.frost;

import java.math.BigInteger;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A scalar of a suite's group: an integer in [0, order - 1]. Used for public values (signature
 * shares, the z of a signature) and for secrets (key shares); holders of secrets never print them.
 */
public final class Scalar {

  private final Ciphersuite suite;
  private final BigInteger value;

  private Scalar(Ciphersuite suite, BigInteger value) {
    this.suite = suite;
    this.value = value;
  }

  /**
   * DeserializeScalar.
   *
   * @throws InvalidScalarException unless {@code encoding} is Ns bytes of a value below the order
   */
  public static Scalar decode(Ciphersuite suite, byte[] encoding) {
    Objects.requireNonNull(encoding, "encoding");
    return new Scalar(suite, suite.deserializeScalar(encoding));
  }

  /** Wraps a computed value, which must already be reduced. */
  static Scalar of(Ciphersuite suite, BigInteger value) {
    if (value.signum() < 0 || value.compareTo(suite.order()) >= 0) {
      throw new InvalidScalarException("value is outside [0, order - 1]");
    }
    return new Scalar(suite, value);
  }

  public Ciphersuite suite() {
    return suite;
  }

  /** SerializeScalar. */
  public byte[] toBytes() {
    return suite.serializeScalar(value);
  }

  BigInteger value() {
    return value;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Scalar s && suite == s.suite && value.equals(s.value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public String toString() {
    return HexFormat.of().formatHex(toBytes());
  }
}

package dev.cachet.frost;

import java.math.BigInteger;

/**
 * A participant identifier: the non-zero scalar i of RFC 9591 §5, here a small positive integer
 * (participants are numbered 1 to MAX_PARTICIPANTS by the trusted dealer). Ordered as the RFC sorts
 * commitment lists.
 *
 * @param value 1 to {@link #MAX}
 */
public record ParticipantId(int value) implements Comparable<ParticipantId> {

  /** Largest identifier, hence largest group, this package accepts. */
  public static final int MAX = 0xFFFF;

  public ParticipantId {
    if (value < 1 || value > MAX) {
      throw new InvalidIdentifierException(value + " is outside [1, " + MAX + "]");
    }
  }

  /** Reads SerializeScalar(identifier), refusing zero and values over {@link #MAX}. */
  static ParticipantId decode(Ciphersuite suite, byte[] encoding) {
    BigInteger scalar = suite.deserializeScalar(encoding);
    if (scalar.signum() == 0 || scalar.compareTo(BigInteger.valueOf(MAX)) > 0) {
      throw new InvalidIdentifierException(
          (scalar.signum() == 0 ? "zero" : "a scalar over " + MAX) + " is not an identifier");
    }
    return new ParticipantId(scalar.intValueExact());
  }

  /** Throws unless this participant exists in a group of {@code maxSigners}. */
  void requireIn(int maxSigners) {
    if (value > maxSigners) {
      throw new InvalidIdentifierException(
          value + " is outside the group's participants [1, " + maxSigners + "]");
    }
  }

  BigInteger scalar() {
    return BigInteger.valueOf(value);
  }

  /** SerializeScalar(identifier). */
  byte[] encode(Ciphersuite suite) {
    return suite.serializeScalar(scalar());
  }

  @Override
  public int compareTo(ParticipantId other) {
    return Integer.compare(value, other.value);
  }
}

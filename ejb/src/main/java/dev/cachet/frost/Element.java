package dev.cachet.frost;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import org.bouncycastle.math.ec.ECPoint;

/**
 * An element of a suite's group that RFC 9591 allows on the wire: never the identity, always a
 * valid point, held with its canonical encoding. Equal elements have equal encodings.
 */
public final class Element {

  private final Ciphersuite suite;
  private final ECPoint point;
  private final byte[] encoding;

  private Element(Ciphersuite suite, ECPoint point, byte[] encoding) {
    this.suite = suite;
    this.point = point;
    this.encoding = encoding;
  }

  /**
   * DeserializeElement.
   *
   * @throws InvalidElementException for anything but the canonical encoding of a non-identity point
   */
  public static Element decode(Ciphersuite suite, byte[] encoding) {
    Objects.requireNonNull(encoding, "encoding");
    ECPoint point = suite.deserializeElement(encoding);
    return new Element(suite, point, encoding.clone());
  }

  /** Wraps a computed point; refuses the identity, which has no encoding. */
  static Element of(Ciphersuite suite, ECPoint point) {
    ECPoint normalized = point.normalize();
    return new Element(suite, normalized, suite.serializeElement(normalized));
  }

  public Ciphersuite suite() {
    return suite;
  }

  /** SerializeElement: a copy of the canonical encoding. */
  public byte[] toBytes() {
    return encoding.clone();
  }

  ECPoint point() {
    return point;
  }

  byte[] encodingView() {
    return encoding;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Element e && suite == e.suite && Arrays.equals(encoding, e.encoding);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(encoding);
  }

  @Override
  public String toString() {
    return HexFormat.of().formatHex(encoding);
  }
}

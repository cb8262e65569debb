package dev.cachet.frost;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.hash2curve.OPRFHashToScalar;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECMultiplier;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;
import org.bouncycastle.util.BigIntegers;

/**
 * The two RFC 9591 suites on short-Weierstrass curves with SHA-256 (§6.4 P-256, §6.5 secp256k1):
 * compressed SEC1 elements (Ne = 33), big-endian scalars (Ns = 32), H1–H3 as RFC 9380 hash_to_field
 * with expand_message_xmd (L = 48, BouncyCastle's {@link OPRFHashToScalar}), H4 and H5 as plain
 * SHA-256 with the context string and a label in front.
 */
final class Sec1Ciphersuite implements Ciphersuite {

  /** Security level k of RFC 9380 for these suites; gives L = ceil((256 + 128) / 8) = 48. */
  private static final int SECURITY_BITS = 128;

  private static final byte COMPRESSED_EVEN = 0x02;
  private static final byte COMPRESSED_ODD = 0x03;

  private final String name;
  private final int code;
  private final String contextString;
  private final ECCurve curve;
  private final ECPoint generator;
  private final BigInteger order;
  private final BigInteger fieldPrime;
  private final int fieldLength;
  private final ECMultiplier secretMultiplier = new FixedPointCombMultiplier();
  private final byte[] rhoTag;
  private final byte[] chalTag;
  private final byte[] nonceTag;
  private final byte[] msgPrefix;
  private final byte[] comPrefix;

  Sec1Ciphersuite(String name, int code, String contextString, String curveName) {
    this.name = name;
    this.code = code;
    this.contextString = contextString;
    X9ECParameters params =
        Objects.requireNonNull(CustomNamedCurves.getByName(curveName), curveName);
    this.curve = params.getCurve();
    this.generator = params.getG().normalize();
    this.order = params.getN();
    this.fieldPrime = curve.getField().getCharacteristic();
    this.fieldLength = (curve.getFieldSize() + 7) / 8;
    this.rhoTag = ascii(contextString + "rho");
    this.chalTag = ascii(contextString + "chal");
    this.nonceTag = ascii(contextString + "nonce");
    this.msgPrefix = ascii(contextString + "msg");
    this.comPrefix = ascii(contextString + "com");
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public int code() {
    return code;
  }

  @Override
  public String contextString() {
    return contextString;
  }

  @Override
  public int elementLength() {
    return fieldLength + 1;
  }

  @Override
  public int scalarLength() {
    return (order.bitLength() + 7) / 8;
  }

  @Override
  public BigInteger order() {
    return order;
  }

  @Override
  public ECPoint generator() {
    return generator;
  }

  @Override
  public ECPoint multiplyGenerator(BigInteger secret) {
    return secretMultiplier.multiply(generator, secret);
  }

  @Override
  public byte[] serializeElement(ECPoint element) {
    if (element.isInfinity()) {
      throw new InvalidElementException("the identity element has no encoding");
    }
    return element.getEncoded(true);
  }

  /** SEC1 §2.3.4 for compressed points, then public-key validation (SEC1 §3.2.2.1). */
  @Override
  public ECPoint deserializeElement(byte[] encoding) {
    if (encoding.length != elementLength()) {
      throw new InvalidElementException(
          "expected " + elementLength() + " bytes, got " + encoding.length);
    }
    byte prefix = encoding[0];
    if (prefix != COMPRESSED_EVEN && prefix != COMPRESSED_ODD) {
      throw new InvalidElementException(
          String.format("expected a compressed point (0x02 or 0x03), got prefix 0x%02x", prefix));
    }
    BigInteger x = BigIntegers.fromUnsignedByteArray(encoding, 1, fieldLength);
    if (x.compareTo(fieldPrime) >= 0) {
      throw new InvalidElementException("x coordinate is not below the field prime");
    }
    ECPoint point;
    try {
      point = curve.decodePoint(encoding);
    } catch (IllegalArgumentException e) {
      throw new InvalidElementException("no point of the curve has this x coordinate", e);
    }
    if (point.isInfinity() || !point.isValid()) {
      throw new InvalidElementException("not a valid non-identity point of the curve");
    }
    return point.normalize();
  }

  @Override
  public byte[] serializeScalar(BigInteger scalar) {
    if (scalar.signum() < 0 || scalar.compareTo(order) >= 0) {
      throw new InvalidScalarException("value is outside [0, order - 1]");
    }
    return BigIntegers.asUnsignedByteArray(scalarLength(), scalar);
  }

  @Override
  public BigInteger deserializeScalar(byte[] encoding) {
    if (encoding.length != scalarLength()) {
      throw new InvalidScalarException(
          "expected " + scalarLength() + " bytes, got " + encoding.length);
    }
    BigInteger value = new BigInteger(1, encoding);
    if (value.compareTo(order) >= 0) {
      throw new InvalidScalarException("value is not below the group order");
    }
    return value;
  }

  @Override
  public BigInteger h1(byte[] input) {
    return hashToScalar(input, rhoTag);
  }

  @Override
  public BigInteger h2(byte[] input) {
    return hashToScalar(input, chalTag);
  }

  @Override
  public BigInteger h3(byte[] input) {
    return hashToScalar(input, nonceTag);
  }

  @Override
  public byte[] h4(byte[] input) {
    return sha256(msgPrefix, input);
  }

  @Override
  public byte[] h5(byte[] input) {
    return sha256(comPrefix, input);
  }

  /** hash_to_field(input, 1) with DST = tag; a fresh instance per call, as BC's holds a digest. */
  private BigInteger hashToScalar(byte[] input, byte[] tag) {
    return new OPRFHashToScalar(curve, new SHA256Digest(), SECURITY_BITS).process(input, tag);
  }

  private static byte[] sha256(byte[] prefix, byte[] input) {
    Digest digest = new SHA256Digest();
    digest.update(prefix, 0, prefix.length);
    digest.update(input, 0, input.length);
    byte[] out = new byte[digest.getDigestSize()];
    digest.doFinal(out, 0);
    return out;
  }

  @Override
  public String toString() {
    return name;
  }
}

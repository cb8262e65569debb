package dev.cachet.frost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.stream.Stream;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.util.BigIntegers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * DeserializeElement and DeserializeScalar refuse what RFC 9591 §6.4–6.5 say to refuse, checked
 * against BouncyCastle's own curve arithmetic.
 */
class GroupEncodingTest {

  static Stream<Ciphersuite> suites() {
    return Ciphersuites.all().stream();
  }

  private static ECCurve curve(Ciphersuite suite) {
    return suite.generator().getCurve();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("suites")
  void refusesTheIdentityElement(Ciphersuite suite) {
    assertRefused(suite, new byte[] {0}); // SEC1's encoding of the point at infinity
    assertRefused(suite, new byte[suite.elementLength()]);
    ECPoint infinity = curve(suite).getInfinity();
    assertThatThrownBy(() -> suite.serializeElement(infinity))
        .isInstanceOf(InvalidElementException.class);
    assertThatThrownBy(() -> Element.of(suite, infinity))
        .isInstanceOf(InvalidElementException.class);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("suites")
  void refusesUncompressedAndHybridEncodingsOfAValidPoint(Ciphersuite suite) {
    ECPoint point = suite.generator().multiply(BigInteger.valueOf(12345)).normalize();
    assertRefused(suite, point.getEncoded(false));
    byte[] compressed = point.getEncoded(true);
    for (byte prefix : new byte[] {0x00, 0x01, 0x04, 0x05, 0x06, 0x07, (byte) 0xff}) {
      byte[] wrongPrefix = compressed.clone();
      wrongPrefix[0] = prefix;
      assertRefused(suite, wrongPrefix);
    }
    assertThat(Element.decode(suite, compressed).toBytes()).isEqualTo(compressed);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("suites")
  void refusesWrongLengths(Ciphersuite suite) {
    byte[] compressed = suite.generator().getEncoded(true);
    assertRefused(suite, new byte[0]);
    assertRefused(suite, Arrays.copyOf(compressed, compressed.length - 1));
    assertRefused(suite, Arrays.copyOf(compressed, compressed.length + 1));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("suites")
  void refusesAnXCoordinateOffTheCurve(Ciphersuite suite) {
    BigInteger x = BigInteger.ONE;
    while (decodesInBouncyCastle(suite, compressed(suite, x, 2))) {
      x = x.add(BigInteger.ONE);
    }
    assertRefused(suite, compressed(suite, x, 2));
    assertRefused(suite, compressed(suite, x, 3));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("suites")
  void refusesANonCanonicalXCoordinateAtOrAboveTheFieldPrime(Ciphersuite suite) {
    BigInteger p = curve(suite).getField().getCharacteristic();
    BigInteger x = BigInteger.ONE;
    while (!decodesInBouncyCastle(suite, compressed(suite, x, 2))) {
      x = x.add(BigInteger.ONE);
    }
    // x + p names the same point as x when read modulo p, and still fits in 32 bytes.
    assertThat(x.add(p).bitLength()).isLessThanOrEqualTo(256);
    assertThat(Element.decode(suite, compressed(suite, x, 2))).isNotNull();
    assertRefused(suite, compressed(suite, x.add(p), 2));
    assertRefused(suite, compressed(suite, p, 2));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("suites")
  void refusesScalarsAtOrAboveTheOrderAndWrongLengths(Ciphersuite suite) {
    BigInteger order = suite.order();
    for (BigInteger bad :
        new BigInteger[] {
          order, order.add(BigInteger.ONE), BigInteger.TWO.pow(256).subtract(BigInteger.ONE)
        }) {
      assertThatThrownBy(() -> Scalar.decode(suite, BigIntegers.asUnsignedByteArray(32, bad)))
          .isInstanceOf(InvalidScalarException.class)
          .extracting("code")
          .isEqualTo("FROST_INVALID_SCALAR");
    }
    assertThatThrownBy(() -> Scalar.decode(suite, new byte[31]))
        .isInstanceOf(InvalidScalarException.class);
    assertThatThrownBy(() -> Scalar.decode(suite, new byte[33]))
        .isInstanceOf(InvalidScalarException.class);
    byte[] largest = BigIntegers.asUnsignedByteArray(32, order.subtract(BigInteger.ONE));
    assertThat(Scalar.decode(suite, largest).toBytes()).isEqualTo(largest);
    assertThat(Scalar.decode(suite, new byte[32]).toBytes()).isEqualTo(new byte[32]);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("suites")
  void secretMultiplicationAgreesWithBouncyCastlesReferenceMultiplier(Ciphersuite suite) {
    java.security.SecureRandom random = Sessions.seeded(9);
    for (int i = 0; i < 8; i++) {
      BigInteger k = suite.randomScalar(random);
      ECPoint expected =
          org.bouncycastle.math.ec.ECAlgorithms.referenceMultiply(suite.generator(), k);
      assertThat(suite.multiplyGenerator(k)).isEqualTo(expected);
    }
  }

  @Test
  void suitesAreTheRfcsWithTheirSizes() {
    X9ECParameters k1 = CustomNamedCurves.getByName("secp256k1");
    X9ECParameters p256 = CustomNamedCurves.getByName("secp256r1");
    Ciphersuite a = Ciphersuites.SECP256K1_SHA256;
    Ciphersuite b = Ciphersuites.P256_SHA256;
    assertThat(a.contextString()).isEqualTo("FROST-secp256k1-SHA256-v1");
    assertThat(b.contextString()).isEqualTo("FROST-P256-SHA256-v1");
    assertThat(a.order()).isEqualTo(k1.getN());
    assertThat(b.order()).isEqualTo(p256.getN());
    assertThat(a.generator()).isEqualTo(k1.getG());
    assertThat(b.generator()).isEqualTo(p256.getG());
    for (Ciphersuite s : Ciphersuites.all()) {
      assertThat(s.elementLength()).isEqualTo(33);
      assertThat(s.scalarLength()).isEqualTo(32);
      assertThat(Ciphersuites.byCode(s.code())).containsSame(s);
      assertThat(Ciphersuites.byName(s.name())).containsSame(s);
    }
    assertThat(Ciphersuites.byCode(0)).isEmpty();
  }

  private static byte[] compressed(Ciphersuite suite, BigInteger x, int prefix) {
    byte[] out = new byte[suite.elementLength()];
    out[0] = (byte) prefix;
    BigIntegers.asUnsignedByteArray(x, out, 1, out.length - 1);
    return out;
  }

  private static boolean decodesInBouncyCastle(Ciphersuite suite, byte[] encoding) {
    try {
      return !curve(suite).decodePoint(encoding).isInfinity();
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static void assertRefused(Ciphersuite suite, byte[] encoding) {
    assertThatThrownBy(() -> Element.decode(suite, encoding))
        .isInstanceOf(InvalidElementException.class)
        .extracting("code")
        .isEqualTo("FROST_INVALID_ELEMENT");
  }
}

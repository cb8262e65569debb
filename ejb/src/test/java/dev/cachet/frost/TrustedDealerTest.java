package dev.cachet.frost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.math.ec.ECAlgorithms;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Trusted-dealer key generation (RFC 9591 Appendix D): Shamir shares checked by Feldman's VSS. */
class TrustedDealerTest {

  private static final Ciphersuite SUITE = Ciphersuites.SECP256K1_SHA256;
  private static final BigInteger ORDER = SUITE.order();

  @ParameterizedTest(name = "t = {0}, n = {1}")
  @CsvSource({"0, 3", "4, 3", "-1, 3", "1, 0", "1, 65536"})
  void refusesImpossibleThresholds(int t, int n) {
    assertThatThrownBy(() -> TrustedDealer.deal(SUITE, t, n, Sessions.seeded(1)))
        .isInstanceOf(InvalidParametersException.class)
        .extracting("code")
        .isEqualTo("FROST_INVALID_PARAMETERS");
  }

  @Test
  void refusesAZeroGroupSecret() {
    Scalar zero = Scalar.decode(SUITE, new byte[32]);
    assertThatThrownBy(() -> TrustedDealer.split(zero, List.of(), 3))
        .isInstanceOf(InvalidParametersException.class);
  }

  @Test
  void anyThresholdOfSharesInterpolatesToTheSecretAndFewerDoNot() {
    BigInteger secret = new BigInteger("1234567890abcdef1234567890abcdef", 16);
    List<Scalar> coefficients =
        List.of(scalar(new BigInteger("777")), scalar(new BigInteger("99999999999999")));
    DealtKeys keys = TrustedDealer.split(scalar(secret), coefficients, 5);

    assertThat(interpolateAtZero(keys, 1, 2, 3)).isEqualTo(secret);
    assertThat(interpolateAtZero(keys, 2, 4, 5)).isEqualTo(secret);
    assertThat(interpolateAtZero(keys, 1, 2, 3, 4, 5)).isEqualTo(secret);
    assertThat(interpolateAtZero(keys, 1, 5)).isNotEqualTo(secret);
  }

  @Test
  void publicKeysAreTheSecretsTimesTheGeneratorAsBouncyCastleComputesThem() {
    BigInteger secret = new BigInteger("42424242424242424242424242");
    DealtKeys keys = TrustedDealer.split(scalar(secret), List.of(scalar(BigInteger.TEN)), 4);

    assertThat(keys.groupPublicKey().element().point())
        .isEqualTo(ECAlgorithms.referenceMultiply(SUITE.generator(), secret));
    for (KeyPackage key : keys.keyPackages()) {
      assertThat(key.verifyingShare().point())
          .isEqualTo(ECAlgorithms.referenceMultiply(SUITE.generator(), key.signingShare().value()));
    }
  }

  @Test
  void aThresholdOfOneGivesEveryoneTheGroupSecret() {
    BigInteger secret = BigInteger.valueOf(987654321);
    DealtKeys keys = TrustedDealer.split(scalar(secret), List.of(), 3);
    for (KeyPackage key : keys.keyPackages()) {
      assertThat(key.signingShare().value()).isEqualTo(secret);
    }
  }

  @Test
  void aShareThatDoesNotMatchTheCommitmentIsRefused() {
    DealtKeys keys = Sessions.deal(SUITE, 2, 3, 5);
    KeyPackage key = keys.keyPackage(new ParticipantId(2));
    Scalar wrong = scalar(key.signingShare().value().add(BigInteger.ONE).mod(ORDER));

    assertThatThrownBy(() -> new KeyPackage(key.id(), wrong, key.group()))
        .isInstanceOf(InvalidKeyShareException.class)
        .extracting("code")
        .isEqualTo("FROST_KEY_SHARE_MISMATCH");
    // Participant 1's share is not participant 2's either.
    Scalar other = keys.keyPackage(new ParticipantId(1)).signingShare();
    assertThatThrownBy(() -> new KeyPackage(key.id(), other, key.group()))
        .isInstanceOf(InvalidKeyShareException.class);
  }

  @Test
  void participantKeysExistOnlyForTheGroupsParticipants() {
    GroupInfo group = Sessions.deal(SUITE, 2, 3, 6).group();
    assertThatThrownBy(() -> group.participantKey(new ParticipantId(4)))
        .isInstanceOf(InvalidIdentifierException.class);
    assertThat(group.participantKey(new ParticipantId(3))).isNotNull();
  }

  @Test
  void dealingIsDeterministicForASeedAndDifferentAcrossSeeds() {
    assertThat(Sessions.deal(SUITE, 2, 3, 8).group())
        .isEqualTo(Sessions.deal(SUITE, 2, 3, 8).group());
    assertThat(Sessions.deal(SUITE, 2, 3, 8).group())
        .isNotEqualTo(Sessions.deal(SUITE, 2, 3, 9).group());
  }

  /** Lagrange interpolation at zero, written out independently of the package's helper. */
  private static BigInteger interpolateAtZero(DealtKeys keys, int... ids) {
    List<BigInteger> xs = new ArrayList<>();
    for (int id : ids) {
      xs.add(BigInteger.valueOf(id));
    }
    BigInteger sum = BigInteger.ZERO;
    for (BigInteger xi : xs) {
      BigInteger num = BigInteger.ONE;
      BigInteger den = BigInteger.ONE;
      for (BigInteger xj : xs) {
        if (!xj.equals(xi)) {
          num = num.multiply(xj);
          den = den.multiply(xj.subtract(xi));
        }
      }
      BigInteger y = keys.keyPackage(new ParticipantId(xi.intValue())).signingShare().value();
      sum = sum.add(y.multiply(num).multiply(den.modInverse(ORDER)));
    }
    return sum.mod(ORDER);
  }

  private static Scalar scalar(BigInteger value) {
    return Scalar.of(SUITE, value);
  }
}

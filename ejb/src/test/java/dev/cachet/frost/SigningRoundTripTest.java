package dev.cachet.frost;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Honest sessions for several (t, n) in both suites, and what verification must refuse. */
class SigningRoundTripTest {

  static Stream<Arguments> configurations() {
    List<Arguments> cases = new ArrayList<>();
    int[][] tn = {{1, 1}, {1, 3}, {2, 3}, {3, 5}, {5, 5}, {7, 10}};
    for (Ciphersuite suite : Ciphersuites.all()) {
      for (int[] c : tn) {
        cases.add(Arguments.of(suite, c[0], c[1]));
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}: {1} of {2}")
  @MethodSource("configurations")
  void thresholdSignersProduceASignatureThatVerifies(Ciphersuite suite, int t, int n) {
    DealtKeys keys = Sessions.deal(suite, t, n, 31L * t + n);
    List<Message> messages = Sessions.messages(2, n);
    // The last t participants, so that the signer set is not always {1..t}.
    List<ParticipantId> signers = new ArrayList<>();
    for (int i = n - t + 1; i <= n; i++) {
      signers.add(new ParticipantId(i));
    }

    List<Signature> signatures = Sessions.sign(keys, signers, messages, t);

    assertThat(signatures).hasSize(2);
    for (int k = 0; k < 2; k++) {
      assertThat(keys.groupPublicKey().verify(messages.get(k), signatures.get(k))).isTrue();
      assertThat(keys.groupPublicKey().verify(messages.get(1 - k), signatures.get(k))).isFalse();
    }
  }

  @Test
  void everySubsetOfAtLeastThreeOfFiveSigns() {
    DealtKeys keys = Sessions.deal(Ciphersuites.SECP256K1_SHA256, 3, 5, 7);
    Message message = Sessions.messages(1, 7).get(0);
    int subsets = 0;
    for (int mask = 0; mask < 1 << 5; mask++) {
      if (Integer.bitCount(mask) < 3) {
        continue;
      }
      List<ParticipantId> signers = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        if ((mask & 1 << i) != 0) {
          signers.add(new ParticipantId(i + 1));
        }
      }
      Signature signature = Sessions.sign(keys, signers, List.of(message), mask).get(0);
      assertThat(keys.groupPublicKey().verify(message, signature))
          .as("signers %s", signers)
          .isTrue();
      subsets++;
    }
    assertThat(subsets).isEqualTo(10 + 5 + 1);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("suites")
  void aFlippedBitInMessageSignatureOrKeyFailsVerification(Ciphersuite suite) {
    DealtKeys keys = Sessions.deal(suite, 2, 3, 11);
    Message message = Sessions.messages(1, 11).get(0);
    Signature signature = Sessions.sign(keys, Sessions.ids(1, 2), List.of(message), 11).get(0);
    byte[] key = keys.groupPublicKey().serialize();
    byte[] msg = message.bytes();
    byte[] sig = signature.serialize();
    assertThat(verifies(suite, key, msg, sig)).isTrue();

    for (int bit = 0; bit < msg.length * 8; bit++) {
      assertThat(verifies(suite, key, flip(msg, bit), sig)).as("message bit %d", bit).isFalse();
    }
    for (int bit = 0; bit < sig.length * 8; bit++) {
      assertThat(verifies(suite, key, msg, flip(sig, bit))).as("signature bit %d", bit).isFalse();
    }
    for (int bit = 0; bit < key.length * 8; bit++) {
      assertThat(verifies(suite, flip(key, bit), msg, sig)).as("key bit %d", bit).isFalse();
    }
  }

  @Test
  void aSignatureDoesNotVerifyUnderAnotherGroupsKey() {
    DealtKeys keys = Sessions.deal(Ciphersuites.SECP256K1_SHA256, 2, 3, 1);
    DealtKeys other = Sessions.deal(Ciphersuites.SECP256K1_SHA256, 2, 3, 2);
    Message message = Sessions.messages(1, 3).get(0);
    Signature signature = Sessions.sign(keys, Sessions.ids(1, 3), List.of(message), 3).get(0);

    assertThat(other.groupPublicKey().verify(message, signature)).isFalse();
  }

  @Test
  void aSignatureOfOneSuiteDoesNotVerifyInTheOther() {
    DealtKeys k1 = Sessions.deal(Ciphersuites.SECP256K1_SHA256, 2, 3, 1);
    DealtKeys p256 = Sessions.deal(Ciphersuites.P256_SHA256, 2, 3, 1);
    Message message = Sessions.messages(1, 3).get(0);
    Signature signature = Sessions.sign(k1, Sessions.ids(1, 3), List.of(message), 3).get(0);

    assertThat(p256.groupPublicKey().verify(message, signature)).isFalse();
  }

  static Stream<Ciphersuite> suites() {
    return Ciphersuites.all().stream();
  }

  /** Decodes as a receiver would; an encoding the suite refuses counts as not verifying. */
  private static boolean verifies(Ciphersuite suite, byte[] key, byte[] message, byte[] sig) {
    try {
      return GroupPublicKey.deserialize(suite, key)
          .verify(Message.of(message), Signature.deserialize(suite, sig));
    } catch (InvalidFrostInputException refused) {
      return false;
    }
  }

  private static byte[] flip(byte[] bytes, int bit) {
    byte[] out = bytes.clone();
    out[bit / 8] ^= (byte) (1 << (bit % 8));
    return out;
  }
}

package dev.cachet.frost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The versioned encodings that carry keys, commitments, packages, shares and signatures between
 * nodes: they round-trip, and a decoder refuses anything else with a typed error.
 */
class EncodingsTest {

  static Stream<Ciphersuite> suites() {
    return Ciphersuites.all().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("suites")
  void aWholeSessionSurvivesTheTripThroughBytes(Ciphersuite suite) {
    DealtKeys dealt = Sessions.deal(suite, 2, 3, 12);
    GroupInfo group = GroupInfo.decode(dealt.group().encode());
    assertThat(group).isEqualTo(dealt.group());
    List<Message> messages = Sessions.messages(3, 12);

    List<RoundOneState> states =
        Sessions.ids(1, 3).stream()
            .map(id -> KeyPackage.decode(dealt.keyPackage(id).encode()))
            .map(key -> new Signer(key, Sessions.seeded(key.id().value())).commit(3))
            .toList();
    List<BatchCommitments> received =
        states.stream().map(s -> BatchCommitments.decode(s.commitments().encode())).toList();
    Coordinator coordinator = new Coordinator(group);
    byte[] packageBytes = coordinator.signingPackage(messages, received).encode();
    List<SignatureShares> shares =
        states.stream()
            .map(s -> s.sign(SigningPackage.decode(packageBytes)))
            .map(s -> SignatureShares.decode(s.encode()))
            .toList();
    List<Signature> signatures = coordinator.aggregate(SigningPackage.decode(packageBytes), shares);

    GroupPublicKey key = GroupPublicKey.decode(group.groupPublicKey().encode());
    for (int k = 0; k < 3; k++) {
      Signature signature = Signature.decode(signatures.get(k).encode());
      assertThat(signature).isEqualTo(signatures.get(k));
      assertThat(key.verify(messages.get(k), signature)).isTrue();
    }
  }

  @Test
  void everyEncodingDecodesToAnEqualValueAndReEncodesIdentically() {
    Fixture f = new Fixture();
    roundTrip(f.keys.keyPackage(new ParticipantId(2)), KeyPackage::encode, KeyPackage::decode);
    roundTrip(f.keys.group(), GroupInfo::encode, GroupInfo::decode);
    roundTrip(f.keys.groupPublicKey(), GroupPublicKey::encode, GroupPublicKey::decode);
    roundTrip(f.commitments, BatchCommitments::encode, BatchCommitments::decode);
    roundTrip(f.signingPackage, SigningPackage::encode, SigningPackage::decode);
    roundTrip(f.shares, SignatureShares::encode, SignatureShares::decode);
    roundTrip(f.signature, Signature::encode, Signature::decode);
  }

  @Test
  void theSignatureHasTheRfcEncodingBehindTheHeader() {
    Fixture f = new Fixture();
    byte[] rfc = f.signature.serialize();
    assertThat(rfc).hasSize(65);
    assertThat(Arrays.copyOfRange(f.signature.encode(), 3, 68)).isEqualTo(rfc);
    assertThat(Signature.deserialize(f.signature.suite(), rfc)).isEqualTo(f.signature);
    assertThatThrownBy(() -> Signature.deserialize(f.signature.suite(), Arrays.copyOf(rfc, 64)))
        .isInstanceOf(FrostEncodingException.class);
  }

  @Test
  void refusesEveryTruncationAndTrailingBytes() {
    Fixture f = new Fixture();
    for (byte[] encoded : f.allEncodings()) {
      for (int length = 0; length < encoded.length; length++) {
        byte[] truncated = Arrays.copyOf(encoded, length);
        assertCode(() -> decodeAs(encoded[0], truncated), "FROST_MALFORMED_ENCODING");
      }
      byte[] longer = Arrays.copyOf(encoded, encoded.length + 1);
      assertCode(() -> decodeAs(encoded[0], longer), "FROST_MALFORMED_ENCODING");
    }
  }

  @Test
  void refusesAnotherValueTypeAnUnknownVersionAndAnUnknownSuite() {
    Fixture f = new Fixture();
    byte[] signature = f.signature.encode();
    assertCode(() -> BatchCommitments.decode(signature), "FROST_MALFORMED_ENCODING");
    byte[] version2 = signature.clone();
    version2[1] = 2;
    assertCode(() -> Signature.decode(version2), "FROST_UNSUPPORTED_VERSION");
    byte[] suite9 = signature.clone();
    suite9[2] = 9;
    assertCode(() -> Signature.decode(suite9), "FROST_UNKNOWN_SUITE");
  }

  @Test
  void refusesTheIdentityElementInsideAnEncoding() {
    byte[] commitments = new Fixture().commitments.encode();
    int hidingOffset = 3 + 32 + 2;
    Arrays.fill(commitments, hidingOffset, hidingOffset + 33, (byte) 0);
    assertThatThrownBy(() -> BatchCommitments.decode(commitments))
        .isInstanceOf(InvalidElementException.class);
  }

  @Test
  void refusesAShareNotBelowTheOrder() {
    byte[] shares = new Fixture().shares.encode();
    Arrays.fill(shares, 3 + 32 + 2, 3 + 32 + 2 + 32, (byte) 0xff);
    assertThatThrownBy(() -> SignatureShares.decode(shares))
        .isInstanceOf(InvalidScalarException.class);
  }

  @Test
  void refusesAZeroIdentifierAndAZeroCount() {
    byte[] shares = new Fixture().shares.encode();
    byte[] zeroId = shares.clone();
    Arrays.fill(zeroId, 3, 35, (byte) 0);
    assertThatThrownBy(() -> SignatureShares.decode(zeroId))
        .isInstanceOf(InvalidIdentifierException.class);
    byte[] zeroCount = Arrays.copyOf(shares, 37);
    zeroCount[35] = 0;
    zeroCount[36] = 0;
    assertCode(() -> SignatureShares.decode(zeroCount), "FROST_MALFORMED_ENCODING");
  }

  @Test
  void refusesAnUnsortedCommitmentListInAReceivedPackage() {
    Fixture f = new Fixture();
    byte[] encoded = f.signingPackage.encode();
    // Swap the two signers' identifiers: 1, 3 becomes 3, 1.
    int first = 3 + 2 + 4 + 32 + 2;
    int second = first + 32 + 2 + 66;
    byte[] swapped = encoded.clone();
    System.arraycopy(encoded, second, swapped, first, 32);
    System.arraycopy(encoded, first, swapped, second, 32);
    assertThatThrownBy(() -> SigningPackage.decode(swapped))
        .isInstanceOf(InvalidSigningPackageException.class)
        .extracting("code")
        .isEqualTo("FROST_COMMITMENTS_UNSORTED");
  }

  @Test
  void aKeyPackageWithATamperedShareIsRefusedAndNeverPrintsItsSecret() {
    KeyPackage key = new Fixture().keys.keyPackage(new ParticipantId(1));
    byte[] encoded = key.encode();
    encoded[3 + 32 + 31] ^= 1;
    assertThatThrownBy(() -> KeyPackage.decode(encoded))
        .isInstanceOf(InvalidKeyShareException.class);
    String secretHex = HexFormat.of().formatHex(key.signingShare().toBytes());
    assertThat(key.toString()).doesNotContain(secretHex);
  }

  /** One small session's values, in secp256k1. */
  private static final class Fixture {
    final DealtKeys keys = Sessions.deal(Ciphersuites.SECP256K1_SHA256, 2, 3, 21);
    final List<RoundOneState> states = Sessions.roundOne(keys, Sessions.ids(1, 3), 1, 21);
    final BatchCommitments commitments = states.get(0).commitments();
    final SigningPackage signingPackage =
        new Coordinator(keys.group())
            .signingPackage(Sessions.messages(1, 21), Sessions.commitments(states));
    final List<SignatureShares> allShares =
        states.stream().map(s -> s.sign(signingPackage)).toList();
    final SignatureShares shares = allShares.get(0);
    final Signature signature =
        new Coordinator(keys.group()).aggregate(signingPackage, allShares).get(0);

    List<byte[]> allEncodings() {
      return List.of(
          keys.keyPackage(new ParticipantId(1)).encode(),
          keys.group().encode(),
          keys.groupPublicKey().encode(),
          commitments.encode(),
          signingPackage.encode(),
          shares.encode(),
          signature.encode());
    }
  }

  private static Object decodeAs(byte type, byte[] bytes) {
    return switch (type) {
      case 1 -> KeyPackage.decode(bytes);
      case 2 -> GroupInfo.decode(bytes);
      case 3 -> GroupPublicKey.decode(bytes);
      case 4 -> BatchCommitments.decode(bytes);
      case 5 -> SigningPackage.decode(bytes);
      case 6 -> SignatureShares.decode(bytes);
      case 7 -> Signature.decode(bytes);
      default -> throw new IllegalArgumentException("type " + type);
    };
  }

  private static <T> void roundTrip(
      T value, Function<T, byte[]> encode, Function<byte[], T> decode) {
    byte[] bytes = encode.apply(value);
    T decoded = decode.apply(bytes);
    assertThat(decoded).isEqualTo(value);
    assertThat(encode.apply(decoded)).isEqualTo(bytes);
  }

  private static void assertCode(ThrowingCallable call, String code) {
    assertThatThrownBy(call)
        .isInstanceOf(FrostEncodingException.class)
        .extracting("code")
        .isEqualTo(code);
  }
}

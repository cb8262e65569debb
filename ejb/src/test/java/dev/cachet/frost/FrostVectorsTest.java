package dev.cachet.frost;

import static dev.cachet.frost.FrostVector.HEX;
import static dev.cachet.frost.FrostVector.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Known-answer tests against the RFC 9591 vectors in shared/vectors/frost, read at test time. Every
 * intermediate value of the files is reproduced: the dealer's shares and group key, the nonces from
 * the given randomness, the commitments, each binding factor input and binding factor, each
 * signature share and the final signature. Files of suites this package does not implement
 * (Ed25519) are parsed and reported as skipped.
 */
class FrostVectorsTest {

  static Stream<FrostVector> vectors() {
    return VectorFiles.allFrostVectors();
  }

  @Test
  void implementsTheSuitesOfTheSecp256k1AndP256Vectors() {
    // Guards the skip below: these two files must never be skipped.
    for (String file : List.of("frost-secp256k1-sha256.json", "frost-p256-sha256.json")) {
      FrostVector vector = FrostVector.read(VectorFiles.frost(file));
      assertThat(Ciphersuites.byName(vector.suiteName())).as(file).isPresent();
    }
  }

  @Test
  void parsesTheEd25519VectorsWithoutImplementingThem() {
    FrostVector vector = FrostVector.read(VectorFiles.frost("frost-ed25519-sha512.json"));
    assertThat(vector.suiteName()).isEqualTo("FROST(Ed25519, SHA-512)");
    assertThat(vector.participantList()).containsExactly(1, 3);
    assertThat(vector.roundOne()).containsOnlyKeys(1, 3);
    assertThat(Ciphersuites.byName(vector.suiteName())).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void dealerReproducesTheSharesAndTheGroupKey(FrostVector vector) {
    DealtKeys keys = deal(vector);
    assertThat(HEX.formatHex(keys.groupPublicKey().serialize())).isEqualTo(vector.groupPublicKey());
    for (KeyPackage key : keys.keyPackages()) {
      assertThat(HEX.formatHex(key.signingShare().toBytes()))
          .as("share of participant %d", key.id().value())
          .isEqualTo(vector.participantShares().get(key.id().value()));
    }
    assertThat(keys.group().minSigners()).isEqualTo(vector.minParticipants());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void noncesFollowFromTheGivenRandomness(FrostVector vector) {
    DealtKeys keys = deal(vector);
    for (int id : vector.participantList()) {
      FrostVector.RoundOne expected = vector.roundOne().get(id);
      NoncePair nonces =
          NoncePair.generate(
              keys.group().suite(),
              randomness(expected),
              keys.keyPackage(new ParticipantId(id)).signingShare());
      assertThat(hex(keys, nonces.hiding)).isEqualTo(expected.hidingNonce());
      assertThat(hex(keys, nonces.binding)).isEqualTo(expected.bindingNonce());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void roundOneCommitsToTheNonces(FrostVector vector) {
    DealtKeys keys = deal(vector);
    for (RoundOneState state : roundOne(vector, keys)) {
      FrostVector.RoundOne expected = vector.roundOne().get(state.id().value());
      NonceCommitment commitment = state.commitments().commitments().get(0);
      assertThat(commitment.hiding()).hasToString(expected.hidingNonceCommitment());
      assertThat(commitment.binding()).hasToString(expected.bindingNonceCommitment());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void bindingFactorInputsAndFactorsMatch(FrostVector vector) {
    DealtKeys keys = deal(vector);
    SigningPackage signingPackage = signingPackage(vector, keys, roundOne(vector, keys));
    Ciphersuite suite = keys.group().suite();
    List<ParticipantId> signers = signingPackage.signers();
    Message message = signingPackage.messages().get(0);
    byte[][] inputs =
        MessageBinding.bindingFactorInputs(
            keys.groupPublicKey(), message, signers, signingPackage.commitmentList(0));
    MessageBinding binding =
        MessageBinding.compute(
            keys.groupPublicKey(), message, signers, signingPackage.commitmentList(0));
    for (int i = 0; i < signers.size(); i++) {
      FrostVector.RoundOne expected = vector.roundOne().get(signers.get(i).value());
      assertThat(HEX.formatHex(inputs[i])).isEqualTo(expected.bindingFactorInput());
      assertThat(hex(keys, suite.h1(inputs[i]))).isEqualTo(expected.bindingFactor());
      assertThat(hex(keys, binding.bindingFactor(i))).isEqualTo(expected.bindingFactor());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void signatureSharesMatch(FrostVector vector) {
    DealtKeys keys = deal(vector);
    List<RoundOneState> states = roundOne(vector, keys);
    SigningPackage signingPackage = signingPackage(vector, keys, states);
    for (RoundOneState state : states) {
      SignatureShares shares = state.sign(signingPackage);
      assertThat(shares.shares().get(0))
          .hasToString(vector.signatureShares().get(state.id().value()));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void aggregateSignatureMatchesAndVerifies(FrostVector vector) {
    DealtKeys keys = deal(vector);
    List<RoundOneState> states = roundOne(vector, keys);
    SigningPackage signingPackage = signingPackage(vector, keys, states);
    List<SignatureShares> shares = states.stream().map(s -> s.sign(signingPackage)).toList();

    Signature signature = new Coordinator(keys.group()).aggregate(signingPackage, shares).get(0);

    assertThat(HEX.formatHex(signature.serialize())).isEqualTo(vector.signature());
    Message message = Message.of(bytes(vector.message()));
    assertThat(SignatureVerifier.verify(keys.groupPublicKey(), message, signature)).isTrue();
    Signature published = Signature.deserialize(keys.group().suite(), bytes(vector.signature()));
    assertThat(keys.groupPublicKey().verify(message, published)).isTrue();
  }

  private static Ciphersuite suiteOrSkip(FrostVector vector) {
    Assumptions.assumeTrue(
        Ciphersuites.byName(vector.suiteName()).isPresent(),
        vector.suiteName() + " is not implemented; " + vector.file().getFileName() + " skipped");
    return Ciphersuites.byName(vector.suiteName()).orElseThrow();
  }

  private static DealtKeys deal(FrostVector vector) {
    Ciphersuite suite = suiteOrSkip(vector);
    List<Scalar> coefficients =
        vector.coefficients().stream().map(c -> Scalar.decode(suite, bytes(c))).toList();
    return TrustedDealer.split(
        Scalar.decode(suite, bytes(vector.groupSecretKey())),
        coefficients,
        vector.maxParticipants());
  }

  private static ScriptedRandom randomness(FrostVector.RoundOne round) {
    return new ScriptedRandom(
        List.of(bytes(round.hidingNonceRandomness()), bytes(round.bindingNonceRandomness())));
  }

  private static List<RoundOneState> roundOne(FrostVector vector, DealtKeys keys) {
    List<RoundOneState> states = new ArrayList<>();
    for (int id : vector.participantList()) {
      KeyPackage key = keys.keyPackage(new ParticipantId(id));
      states.add(new Signer(key, randomness(vector.roundOne().get(id))).commit(1));
    }
    return states;
  }

  private static SigningPackage signingPackage(
      FrostVector vector, DealtKeys keys, List<RoundOneState> states) {
    return new Coordinator(keys.group())
        .signingPackage(
            List.of(Message.of(bytes(vector.message()))),
            states.stream().map(RoundOneState::commitments).toList());
  }

  private static String hex(DealtKeys keys, java.math.BigInteger scalar) {
    return HEX.formatHex(keys.group().suite().serializeScalar(scalar));
  }
}

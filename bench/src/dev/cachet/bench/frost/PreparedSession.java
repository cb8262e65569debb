package dev.cachet.bench.frost;

import dev.cachet.frost.BatchCommitments;
import dev.cachet.frost.Coordinator;
import dev.cachet.frost.DealtKeys;
import dev.cachet.frost.Message;
import dev.cachet.frost.ParticipantId;
import dev.cachet.frost.RoundOneState;
import dev.cachet.frost.SignatureShares;
import dev.cachet.frost.Signer;
import dev.cachet.frost.SigningPackage;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/**
 * One signing session run up to a chosen point, untimed, with every value the next party receives
 * kept as bytes: each timed party decodes its own fresh copy, as a remote node would, so no party
 * profits from point precomputations cached on another party's objects.
 */
final class PreparedSession {

  final List<Message> messages;
  final List<RoundOneState> states = new ArrayList<>();
  final byte[] signingPackage;
  final List<byte[]> shares = new ArrayList<>();

  private PreparedSession(
      DealtKeys keys, int signers, List<Message> messages, SecureRandom random, boolean sign) {
    this.messages = messages;
    List<BatchCommitments> received = new ArrayList<>();
    for (int id = 1; id <= signers; id++) {
      Signer signer = new Signer(keys.keyPackage(new ParticipantId(id)), random);
      RoundOneState state = signer.commit(messages.size());
      states.add(state);
      received.add(BatchCommitments.decode(state.commitments().encode()));
    }
    signingPackage = new Coordinator(keys.group()).signingPackage(messages, received).encode();
    if (sign) {
      for (RoundOneState state : states) {
        shares.add(state.sign(SigningPackage.decode(signingPackage)).encode());
      }
    }
  }

  /** Round one done: the signers hold their states, the package is built. */
  static PreparedSession committed(
      DealtKeys keys, int signers, List<Message> messages, SecureRandom random) {
    return new PreparedSession(keys, signers, messages, random, false);
  }

  /** Round two done: the shares are ready for the coordinator. */
  static PreparedSession signed(
      DealtKeys keys, int signers, List<Message> messages, SecureRandom random) {
    return new PreparedSession(keys, signers, messages, random, true);
  }

  /** The coordinator's inputs, freshly decoded. */
  AggregationInput aggregationInput() {
    return new AggregationInput(
        SigningPackage.decode(signingPackage),
        shares.stream().map(SignatureShares::decode).toList());
  }

  /** What the coordinator aggregates. */
  record AggregationInput(SigningPackage signingPackage, List<SignatureShares> shares) {}
}

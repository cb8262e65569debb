package dev.cachet.frost;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Deterministic keys, messages and whole signing sessions for tests. */
final class Sessions {

  private Sessions() {}

  /** A SecureRandom whose output depends only on {@code seed} (seeded before first use). */
  static SecureRandom seeded(long seed) {
    try {
      SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
      random.setSeed(seed);
      return random;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static DealtKeys deal(Ciphersuite suite, int minSigners, int maxSigners, long seed) {
    return TrustedDealer.deal(suite, minSigners, maxSigners, seeded(seed));
  }

  static List<Message> messages(int count, long seed) {
    Random random = new Random(seed);
    List<Message> messages = new ArrayList<>(count);
    for (int k = 0; k < count; k++) {
      byte[] digest = new byte[32];
      random.nextBytes(digest);
      messages.add(Message.of(digest));
    }
    return messages;
  }

  static List<ParticipantId> ids(int... values) {
    List<ParticipantId> ids = new ArrayList<>();
    for (int v : values) {
      ids.add(new ParticipantId(v));
    }
    return ids;
  }

  /** Round one for each signer of {@code signers}, with fresh seeded randomness. */
  static List<RoundOneState> roundOne(
      DealtKeys keys, List<ParticipantId> signers, int messageCount, long seed) {
    List<RoundOneState> states = new ArrayList<>();
    for (ParticipantId id : signers) {
      states.add(
          new Signer(keys.keyPackage(id), seeded(seed * 1_000 + id.value())).commit(messageCount));
    }
    return states;
  }

  static List<BatchCommitments> commitments(List<RoundOneState> states) {
    return states.stream().map(RoundOneState::commitments).toList();
  }

  /** A whole honest session: round one, round two, aggregation. */
  static List<Signature> sign(
      DealtKeys keys, List<ParticipantId> signers, List<Message> messages, long seed) {
    List<RoundOneState> states = roundOne(keys, signers, messages.size(), seed);
    Coordinator coordinator = new Coordinator(keys.group());
    SigningPackage signingPackage = coordinator.signingPackage(messages, commitments(states));
    List<SignatureShares> shares = states.stream().map(s -> s.sign(signingPackage)).toList();
    return coordinator.aggregate(signingPackage, shares);
  }
}

package dev.cachet.frost;

import java.util.List;
import java.util.Objects;

/**
 * A participant's round-one output for a batched session: one nonce commitment per message, in the
 * batch's message order. This is what the participant sends to the coordinator.
 */
public record BatchCommitments(ParticipantId id, List<NonceCommitment> commitments) {

  public BatchCommitments {
    Objects.requireNonNull(id, "id");
    commitments = List.copyOf(Objects.requireNonNull(commitments, "commitments"));
    if (commitments.isEmpty() || commitments.size() > SigningPackage.MAX_MESSAGES) {
      throw new InvalidParametersException(
          "a batch commits to 1 to " + SigningPackage.MAX_MESSAGES + " messages");
    }
    Ciphersuite suite = commitments.get(0).suite();
    for (NonceCommitment c : commitments) {
      if (c.suite() != suite) {
        throw new InvalidParametersException("commitments of different ciphersuites");
      }
    }
  }

  public Ciphersuite suite() {
    return commitments.get(0).suite();
  }

  public int messageCount() {
    return commitments.size();
  }

  /** Versioned encoding: header, identifier, count, then hiding and binding per message. */
  public byte[] encode() {
    EncodingWriter out = new EncodingWriter(EncodedType.COMMITMENTS, suite()).identifier(id);
    writeCommitments(out);
    return out.toBytes();
  }

  public static BatchCommitments decode(byte[] bytes) {
    EncodingReader in = EncodingReader.open(EncodedType.COMMITMENTS, bytes);
    ParticipantId id = in.identifier();
    int count = in.count("message", SigningPackage.MAX_MESSAGES);
    BatchCommitments commitments = new BatchCommitments(id, readCommitments(in, count));
    in.end();
    return commitments;
  }

  void writeCommitments(EncodingWriter out) {
    out.u16(commitments.size());
    for (NonceCommitment c : commitments) {
      out.element(c.hiding()).element(c.binding());
    }
  }

  static List<NonceCommitment> readCommitments(EncodingReader in, int count) {
    NonceCommitment[] read = new NonceCommitment[count];
    for (int k = 0; k < count; k++) {
      read[k] = new NonceCommitment(in.element(), in.element());
    }
    return List.of(read);
  }
}

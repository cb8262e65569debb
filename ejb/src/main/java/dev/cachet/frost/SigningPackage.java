package dev.cachet.frost;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the coordinator sends every signer in round two of a batched session: the messages, and the
 * commitment list of RFC 9591 §5.2 with one commitment per signer per message. An instance is
 * always well-formed: signers strictly ascending by identifier (the RFC requires the list sorted
 * and every identifier distinct), each with exactly one commitment per message, one suite
 * throughout. Whether it fits a group is checked by {@link #checkAgainst(GroupInfo)}.
 */
public record SigningPackage(List<Message> messages, List<BatchCommitments> commitments) {

  /** Most messages one session may sign. */
  public static final int MAX_MESSAGES = 1024;

  public SigningPackage {
    messages = List.copyOf(Objects.requireNonNull(messages, "messages"));
    commitments = List.copyOf(Objects.requireNonNull(commitments, "commitments"));
    if (messages.isEmpty() || messages.size() > MAX_MESSAGES) {
      throw new InvalidParametersException("a session signs 1 to " + MAX_MESSAGES + " messages");
    }
    if (commitments.isEmpty()) {
      throw InvalidSigningPackageException.tooFewSigners(0, 1);
    }
    Ciphersuite suite = commitments.get(0).suite();
    BatchCommitments previous = null;
    for (BatchCommitments c : commitments) {
      if (previous != null) {
        int order = c.id().compareTo(previous.id());
        if (order == 0) {
          throw InvalidSigningPackageException.duplicate(c.id());
        }
        if (order < 0) {
          throw InvalidSigningPackageException.unsorted(previous.id(), c.id());
        }
      }
      if (c.messageCount() != messages.size()) {
        throw InvalidSigningPackageException.batchLength(messages.size(), c.messageCount());
      }
      if (c.suite() != suite) {
        throw InvalidSigningPackageException.suiteMismatch(suite, c.suite());
      }
      previous = c;
    }
  }

  /** A package from commitments in any order; sorting is the coordinator's job. */
  public static SigningPackage of(List<Message> messages, Collection<BatchCommitments> received) {
    List<BatchCommitments> sorted = new ArrayList<>(received);
    sorted.sort(Comparator.comparing(BatchCommitments::id));
    return new SigningPackage(messages, sorted);
  }

  public Ciphersuite suite() {
    return commitments.get(0).suite();
  }

  public int messageCount() {
    return messages.size();
  }

  /** The signers' identifiers, ascending (participants_from_commitment_list). */
  public List<ParticipantId> signers() {
    return commitments.stream().map(BatchCommitments::id).toList();
  }

  public Optional<BatchCommitments> commitmentsOf(ParticipantId id) {
    return commitments.stream().filter(c -> c.id().equals(id)).findFirst();
  }

  /** The commitment list of RFC 9591 for message {@code index}: one per signer, ascending. */
  List<NonceCommitment> commitmentList(int index) {
    return commitments.stream().map(c -> c.commitments().get(index)).toList();
  }

  /**
   * Throws unless this package can be signed by {@code group}: same suite, every signer a
   * participant of the group, and at least MIN_PARTICIPANTS of them.
   */
  public void checkAgainst(GroupInfo group) {
    if (suite() != group.suite()) {
      throw InvalidSigningPackageException.suiteMismatch(group.suite(), suite());
    }
    for (BatchCommitments c : commitments) {
      c.id().requireIn(group.maxSigners());
    }
    if (commitments.size() < group.minSigners()) {
      throw InvalidSigningPackageException.tooFewSigners(commitments.size(), group.minSigners());
    }
  }

  /** Versioned encoding: header, the messages (u32 length each), then each signer's commitments. */
  public byte[] encode() {
    EncodingWriter out = new EncodingWriter(EncodedType.SIGNING_PACKAGE, suite());
    out.u16(messages.size());
    for (Message m : messages) {
      out.u32(m.length()).raw(m.view());
    }
    out.u16(commitments.size());
    for (BatchCommitments c : commitments) {
      out.identifier(c.id());
      c.writeCommitments(out);
    }
    return out.toBytes();
  }

  public static SigningPackage decode(byte[] bytes) {
    EncodingReader in = EncodingReader.open(EncodedType.SIGNING_PACKAGE, bytes);
    int messageCount = in.count("message", MAX_MESSAGES);
    List<Message> messages = new ArrayList<>(messageCount);
    for (int k = 0; k < messageCount; k++) {
      int length = in.u32();
      if (length > Message.MAX_LENGTH) {
        throw FrostEncodingException.malformed("signing package", "message over the length limit");
      }
      messages.add(Message.of(in.raw(length)));
    }
    int signerCount = in.count("signer", ParticipantId.MAX);
    List<BatchCommitments> commitments = new ArrayList<>(signerCount);
    for (int i = 0; i < signerCount; i++) {
      ParticipantId id = in.identifier();
      int count = in.count("message", MAX_MESSAGES);
      commitments.add(new BatchCommitments(id, BatchCommitments.readCommitments(in, count)));
    }
    in.end();
    return new SigningPackage(messages, commitments);
  }
}

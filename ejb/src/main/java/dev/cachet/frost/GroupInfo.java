package dev.cachet.frost;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The "group info" of RFC 9591 §5 that the coordinator and every participant hold: the group public
 * key and each participant's public key share, here derived from the VSS commitment so the two can
 * never disagree. Participants are numbered 1 to {@link #maxSigners()}.
 */
public final class GroupInfo {

  private final VssCommitment commitment;
  private final int maxSigners;
  private final AtomicReferenceArray<Element> participantKeys;

  public GroupInfo(VssCommitment commitment, int maxSigners) {
    this.commitment = Objects.requireNonNull(commitment, "commitment");
    if (maxSigners < commitment.minSigners() || maxSigners > ParticipantId.MAX) {
      throw new InvalidParametersException(
          "MAX_PARTICIPANTS "
              + maxSigners
              + " is outside [MIN_PARTICIPANTS = "
              + commitment.minSigners()
              + ", "
              + ParticipantId.MAX
              + "]");
    }
    this.maxSigners = maxSigners;
    // Derived on first use: a group of many participants costs nothing until a key is needed.
    this.participantKeys = new AtomicReferenceArray<>(maxSigners);
  }

  public Ciphersuite suite() {
    return commitment.suite();
  }

  public VssCommitment commitment() {
    return commitment;
  }

  /** MIN_PARTICIPANTS: how many signers a signature needs. */
  public int minSigners() {
    return commitment.minSigners();
  }

  /** MAX_PARTICIPANTS: how many participants hold a key share. */
  public int maxSigners() {
    return maxSigners;
  }

  public GroupPublicKey groupPublicKey() {
    return commitment.groupPublicKey();
  }

  /** public_key_i of participant {@code id}. */
  public Element participantKey(ParticipantId id) {
    id.requireIn(maxSigners);
    int slot = id.value() - 1;
    Element key = participantKeys.get(slot);
    if (key == null) {
      key = Element.of(suite(), commitment.evaluate(id));
      participantKeys.compareAndSet(slot, null, key);
    }
    return key;
  }

  /** Versioned encoding: header, MAX_PARTICIPANTS, then the VSS commitment. */
  public byte[] encode() {
    EncodingWriter out = new EncodingWriter(EncodedType.GROUP_INFO, suite());
    writeTo(out);
    return out.toBytes();
  }

  public static GroupInfo decode(byte[] bytes) {
    EncodingReader in = EncodingReader.open(EncodedType.GROUP_INFO, bytes);
    GroupInfo group = readFrom(in);
    in.end();
    return group;
  }

  void writeTo(EncodingWriter out) {
    out.u16(maxSigners);
    commitment.writeTo(out);
  }

  static GroupInfo readFrom(EncodingReader in) {
    int maxSigners = in.count("participant", ParticipantId.MAX);
    return new GroupInfo(VssCommitment.readFrom(in), maxSigners);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GroupInfo g
        && maxSigners == g.maxSigners
        && commitment.equals(g.commitment);
  }

  @Override
  public int hashCode() {
    return Objects.hash(commitment, maxSigners);
  }

  @Override
  public String toString() {
    return "GroupInfo["
        + suite().name()
        + ", "
        + minSigners()
        + " of "
        + maxSigners
        + ", key "
        + groupPublicKey().element()
        + "]";
  }
}

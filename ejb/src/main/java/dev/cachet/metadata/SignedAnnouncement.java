package dev.cachet.metadata;

import dev.cachet.peer.Ed25519;
import dev.cachet.peer.PeerSigner;
import java.util.Arrays;
import java.util.Objects;

/** An announcement with its announcer's Ed25519 signature over {@link Announcement#frame()}. */
public record SignedAnnouncement(Announcement announcement, byte[] signature) {

  public SignedAnnouncement {
    Objects.requireNonNull(announcement, "announcement");
    signature = signature.clone();
  }

  public static SignedAnnouncement sign(Announcement announcement, PeerSigner signer) {
    if (!announcement.announcer().equals(signer.identityKey())) {
      throw new IllegalArgumentException("a node signs only its own announcements");
    }
    return new SignedAnnouncement(announcement, signer.sign(announcement.frame()));
  }

  /** Whether the signature is the announcer's over the announcement. */
  public boolean verifies() {
    return Ed25519.verify(announcement.announcer(), announcement.frame(), signature);
  }

  @Override
  public byte[] signature() {
    return signature.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SignedAnnouncement other
        && announcement.equals(other.announcement)
        && Arrays.equals(signature, other.signature);
  }

  @Override
  public int hashCode() {
    return announcement.hashCode() * 31 + Arrays.hashCode(signature);
  }

  @Override
  public String toString() {
    return "announcement of " + announcement;
  }
}

package dev.cachet.metadata.wire;

import dev.cachet.blob.BlobHash;
import dev.cachet.metadata.Announcement;
import dev.cachet.metadata.InvalidAnnouncementException;
import dev.cachet.metadata.SignedAnnouncement;
import dev.cachet.node.IdentityKey;
import dev.cachet.peer.Ed25519;
import dev.cachet.peer.InvalidSignatureException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * A signed announcement on the wire: its fields, the signature as 128 lowercase hex characters,
 * and, when a member relays it, the relaying member's identity key ({@code relayedBy}: a hint, not
 * signed, used only not to relay it back).
 */
public record AnnouncementMessage(
    Long epoch,
    String identityKey,
    String blobHash,
    Long size,
    Long timestampMillis,
    String signature,
    String relayedBy) {

  public static AnnouncementMessage of(SignedAnnouncement signed, Optional<IdentityKey> relayedBy) {
    Announcement a = signed.announcement();
    return new AnnouncementMessage(
        a.epoch(),
        a.announcer().hex(),
        a.blobHash().hex(),
        a.size(),
        a.timestampMillis(),
        HexFormat.of().formatHex(signed.signature()),
        relayedBy.map(IdentityKey::hex).orElse(null));
  }

  /**
   * The signed announcement this message carries; its signature is not checked here.
   *
   * @throws InvalidAnnouncementException {@code INVALID_ANNOUNCEMENT} if a field is missing or
   *     negative
   * @throws dev.cachet.error.InvalidRequestException {@code INVALID_IDENTITY_KEY}, {@code
   *     INVALID_HASH} for a malformed key or hash
   * @throws InvalidSignatureException if the signature is not 64 bytes of lowercase hex
   */
  public SignedAnnouncement toSigned() {
    if (epoch == null || size == null || timestampMillis == null || signature == null) {
      throw new InvalidAnnouncementException(
          "an announcement has epoch, identityKey, blobHash, size, timestampMillis and signature");
    }
    if (epoch < 0 || size < 0) {
      throw new InvalidAnnouncementException("an announcement's epoch and size are not negative");
    }
    IdentityKey announcer = IdentityKey.parse(identityKey);
    BlobHash hash = BlobHash.parse(blobHash);
    byte[] sig = signatureBytes(signature);
    return new SignedAnnouncement(
        new Announcement(epoch, announcer, hash, size, timestampMillis), sig);
  }

  /** The relaying member, if the message names one well-formed. */
  public Optional<IdentityKey> relayer() {
    if (relayedBy == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(IdentityKey.parse(relayedBy));
    } catch (RuntimeException e) {
      return Optional.empty(); // a hint only
    }
  }

  private static byte[] signatureBytes(String hex) {
    if (hex.length() != 2 * Ed25519.SIGNATURE_LENGTH
        || !hex.chars().allMatch(AnnouncementMessage::lowerHex)) {
      throw new InvalidSignatureException("the announcement (not 128 lowercase hex characters)");
    }
    return HexFormat.of().parseHex(hex);
  }

  private static boolean lowerHex(int c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
  }
}

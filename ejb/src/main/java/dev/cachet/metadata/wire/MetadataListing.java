package dev.cachet.metadata.wire;

import java.util.List;

/** Every announcement a node holds for an epoch ({@code GET /api/v1/metadata/{epoch}}). */
public record MetadataListing(long epoch, List<Entry> announcements) {

  /** One held announcement and whether the node holds its blob itself. */
  public record Entry(
      Long epoch,
      String identityKey,
      String blobHash,
      Long size,
      Long timestampMillis,
      String signature,
      boolean held) {

    public static Entry of(AnnouncementMessage m, boolean held) {
      return new Entry(
          m.epoch(),
          m.identityKey(),
          m.blobHash(),
          m.size(),
          m.timestampMillis(),
          m.signature(),
          held);
    }

    public AnnouncementMessage message() {
      return new AnnouncementMessage(
          epoch, identityKey, blobHash, size, timestampMillis, signature, null);
    }
  }
}

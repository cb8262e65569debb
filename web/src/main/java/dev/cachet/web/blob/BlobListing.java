package dev.cachet.web.blob;

import dev.cachet.blob.BlobHash;
import dev.cachet.blob.BlobInfo;
import dev.cachet.blob.BlobPage;
import java.util.List;

/**
 * One page of the listing; {@code next} is the {@code after} value for the following page, null
 * when this page is the last.
 */
public record BlobListing(List<Entry> blobs, String next) {

  /** One stored blob: {@code storedAt} is ISO-8601 UTC. */
  public record Entry(String hash, long size, String storedAt) {}

  static BlobListing of(BlobPage page) {
    List<Entry> entries =
        page.blobs().stream()
            .map((BlobInfo b) -> new Entry(b.hash().hex(), b.size(), b.storedAt().toString()))
            .toList();
    return new BlobListing(entries, page.next().map(BlobHash::hex).orElse(null));
  }
}

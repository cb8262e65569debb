package dev.cachet.blob;

import java.util.List;
import java.util.Optional;

/**
 * One page of the blob listing in hash order. {@code next} is the cursor for the following page
 * (the last hash of this one) when the page is full, empty when the listing is complete.
 */
public record BlobPage(List<BlobInfo> blobs, Optional<BlobHash> next) {

  /** Largest page a caller may ask for. */
  public static final int MAX_LIMIT = 1000;

  /** Page size when the caller names none. */
  public static final int DEFAULT_LIMIT = 100;

  public BlobPage {
    blobs = List.copyOf(blobs);
  }

  /** Checks a requested page size. */
  public static int checkLimit(int limit) {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new InvalidBlobPageException(limit);
    }
    return limit;
  }
}

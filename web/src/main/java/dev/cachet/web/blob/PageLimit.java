package dev.cachet.web.blob;

import dev.cachet.blob.BlobPage;
import dev.cachet.error.InvalidRequestException;

/** Parses the {@code limit} query parameter into a checked page size. */
final class PageLimit {

  private PageLimit() {}

  static int parse(String limit) {
    try {
      return BlobPage.checkLimit(Integer.parseInt(limit.strip()));
    } catch (NumberFormatException e) {
      throw new InvalidRequestException(
          "INVALID_LIMIT", "limit must be an integer between 1 and " + BlobPage.MAX_LIMIT);
    }
  }
}

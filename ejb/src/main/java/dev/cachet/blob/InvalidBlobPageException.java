package dev.cachet.blob;

import dev.cachet.error.InvalidRequestException;

/** A listing page size outside 1..{@value BlobPage#MAX_LIMIT}. */
public class InvalidBlobPageException extends InvalidRequestException {

  public InvalidBlobPageException(int limit) {
    super("INVALID_LIMIT", "limit must be between 1 and " + BlobPage.MAX_LIMIT + ", was " + limit);
  }
}

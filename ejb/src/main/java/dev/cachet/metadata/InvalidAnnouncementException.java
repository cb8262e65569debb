package dev.cachet.metadata;

import dev.cachet.error.InvalidRequestException;

/** An announcement whose fields cannot be: a timestamp not positive, a size beyond the limit. */
public final class InvalidAnnouncementException extends InvalidRequestException {

  public InvalidAnnouncementException(String message) {
    super("INVALID_ANNOUNCEMENT", message);
  }
}

package dev.cachet.checkpoint;

import dev.cachet.error.InvalidRequestException;

/** A checkpoint message that is malformed (400 {@code INVALID_CHECKPOINT_MESSAGE}). */
public final class InvalidCheckpointMessageException extends InvalidRequestException {

  public InvalidCheckpointMessageException(String message) {
    super("INVALID_CHECKPOINT_MESSAGE", message);
  }
}

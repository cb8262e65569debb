package dev.cachet.keys;

import dev.cachet.error.InvalidRequestException;

/** An imported key's seeds do not give the root the operator stated; nothing stored. */
public class RootMismatchException extends InvalidRequestException {

  public RootMismatchException(String stated, String computed) {
    super(
        "ROOT_MISMATCH",
        "the seeds give the root "
            + computed
            + ", not the stated "
            + stated
            + "; nothing imported");
  }
}

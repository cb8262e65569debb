package dev.cachet.xmss;

import dev.cachet.error.ConflictException;

/**
 * A prepared window whose stored tree nodes do not belong to the key at hand (HTTP 409): they do
 * not hash up to the public root, or the secret seeds do not reproduce them. Signing from such a
 * window would produce signatures that do not verify, so nothing is signed.
 */
public class XmssWindowMismatchException extends ConflictException {

  public XmssWindowMismatchException(String message) {
    super("XMSS_WINDOW_MISMATCH", message);
  }
}

package dev.cachet.xmss;

import dev.cachet.error.CorruptStateException;

/**
 * A prepared window whose tree nodes do not belong to the key at hand: they do not hash up to the
 * public root, or the secret seeds do not reproduce them. Corrupt state: signing from such a window
 * would produce signatures that do not verify, so nothing is signed from it.
 */
public class XmssWindowMismatchException extends CorruptStateException {

  public XmssWindowMismatchException(String message) {
    super("XMSS_WINDOW_MISMATCH", message);
  }
}

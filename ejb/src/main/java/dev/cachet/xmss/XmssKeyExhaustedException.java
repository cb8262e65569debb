package dev.cachet.xmss;

import dev.cachet.error.GoneException;

/**
 * Preparation was asked for a bottom tree past the key's last one: the key has signed or can sign
 * all of its 2^h slots and must be replaced.
 */
public class XmssKeyExhaustedException extends GoneException {

  public XmssKeyExhaustedException(XmssParameters parameters, long bottomTree) {
    super(
        "XMSS_KEY_EXHAUSTED",
        "XMSS^MT key "
            + parameters.name()
            + " has "
            + parameters.bottomTreeCount()
            + " bottom trees; tree "
            + bottomTree
            + " is past its lifetime of "
            + parameters.lifetime()
            + " slots");
  }
}

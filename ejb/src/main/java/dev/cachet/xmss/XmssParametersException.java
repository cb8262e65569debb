package dev.cachet.xmss;

import dev.cachet.error.InvalidRequestException;

/** A parameter set that does not exist or is not valid XMSS^MT. */
public class XmssParametersException extends InvalidRequestException {

  public XmssParametersException(String code, String message) {
    super(code, message);
  }

  static XmssParametersException invalid(int totalHeight, int layers, String why) {
    return new XmssParametersException(
        "XMSS_PARAMETERS_INVALID",
        "invalid XMSS^MT parameters h=" + totalHeight + ", d=" + layers + ": " + why);
  }

  static XmssParametersException unknownName(String name) {
    return new XmssParametersException(
        "XMSS_PARAMETERS_UNKNOWN",
        "unknown XMSS^MT parameter set '" + name + "' (expected XMSSMT-SHA2_<h>/<d>_256)");
  }
}

package dev.cachet.xmss;

import dev.cachet.error.InvalidRequestException;

/**
 * Bytes that are not a valid encoding of an XMSS^MT value: unknown version, wrong length, or values
 * that contradict each other. Nothing was decoded.
 */
public class XmssEncodingException extends InvalidRequestException {

  public XmssEncodingException(String message) {
    super("XMSS_ENCODING_INVALID", message);
  }

  static XmssEncodingException unknownVersion(String what, int version) {
    return new XmssEncodingException("unknown " + what + " encoding version " + version);
  }

  static XmssEncodingException wrongLength(String what, int expected, int actual) {
    return new XmssEncodingException(
        what + " encoding must be " + expected + " bytes, got " + actual);
  }
}

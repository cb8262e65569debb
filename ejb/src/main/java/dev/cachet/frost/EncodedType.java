package dev.cachet.frost;

/**
 * The first byte of every versioned encoding in this package: which value the bytes hold. Codes are
 * never reused, so bytes of one type can never be read as another.
 */
enum EncodedType {
  KEY_PACKAGE(1, "key package"),
  GROUP_INFO(2, "group info"),
  GROUP_PUBLIC_KEY(3, "group public key"),
  COMMITMENTS(4, "round-one commitments"),
  SIGNING_PACKAGE(5, "signing package"),
  SIGNATURE_SHARES(6, "signature shares"),
  SIGNATURE(7, "signature");

  final int code;
  final String label;

  EncodedType(int code, String label) {
    this.code = code;
    this.label = label;
  }
}

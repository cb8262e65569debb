package dev.cachet.frost;

import java.math.BigInteger;

/** The per-message challenge of RFC 9591 §4.6: c = H2(SerializeElement(R) || PK || msg). */
final class Challenge {

  private Challenge() {}

  static BigInteger compute(
      Ciphersuite suite, Element groupCommitment, Element groupKey, Message message) {
    byte[] r = groupCommitment.encodingView();
    byte[] pk = groupKey.encodingView();
    byte[] msg = message.view();
    byte[] input = new byte[r.length + pk.length + msg.length];
    System.arraycopy(r, 0, input, 0, r.length);
    System.arraycopy(pk, 0, input, r.length, pk.length);
    System.arraycopy(msg, 0, input, r.length + pk.length, msg.length);
    return suite.h2(input);
  }
}

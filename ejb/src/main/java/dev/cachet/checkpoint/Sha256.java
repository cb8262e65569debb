package dev.cachet.checkpoint;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** SHA-256 of concatenated parts (the JDK's; every JDK has it). */
final class Sha256 {

  private Sha256() {}

  static byte[] of(byte[]... parts) {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
    for (byte[] part : parts) {
      digest.update(part);
    }
    return digest.digest();
  }
}

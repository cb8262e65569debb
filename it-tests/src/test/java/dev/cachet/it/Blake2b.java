package dev.cachet.it;

import java.util.HexFormat;
import org.bouncycastle.crypto.digests.Blake2bDigest;

/** The tests' own Blake2b-256, so expected ids do not come from the code under test. */
public final class Blake2b {

  private Blake2b() {}

  public static String hex(byte[] bytes) {
    Blake2bDigest digest = new Blake2bDigest(256);
    digest.update(bytes, 0, bytes.length);
    byte[] out = new byte[32];
    digest.doFinal(out, 0);
    return HexFormat.of().formatHex(out);
  }
}

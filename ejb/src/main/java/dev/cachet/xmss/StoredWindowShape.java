package dev.cachet.xmss;

import java.util.HexFormat;

/**
 * What the public layout of an encoded prepared window says without its seeds: whose key it belongs
 * to (the public root, hex) and the index of its newest bottom tree. Used to recognise windows
 * among stored bytes and to keep only a key's newest one.
 */
public record StoredWindowShape(String rootHex, long newestTree) {

  public StoredWindowShape {
    if (rootHex == null || rootHex.length() != 2 * XmssParameters.N) {
      throw new IllegalArgumentException("a public root is " + XmssParameters.N + " bytes");
    }
    HexFormat.of().parseHex(rootHex);
    if (newestTree < 0) {
      throw new IllegalArgumentException("a tree index is not negative");
    }
  }
}

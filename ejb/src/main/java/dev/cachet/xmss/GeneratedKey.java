package dev.cachet.xmss;

import java.util.Objects;

/** A new key's public part and its first prepared window (the activation slot's bottom tree). */
public record GeneratedKey(XmssPublicKey publicKey, PreparedWindow window) {

  public GeneratedKey {
    Objects.requireNonNull(publicKey, "publicKey");
    Objects.requireNonNull(window, "window");
  }
}

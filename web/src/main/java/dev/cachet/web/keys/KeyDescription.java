package dev.cachet.web.keys;

import dev.cachet.keys.KeyView;

/**
 * A validator key as the key endpoints write it: the API's own shape, so the core's {@link KeyView}
 * can change without changing the wire. The field names and JSON types are the contract; {@code
 * root}, {@code publicSeed} and {@code publicKey} (hex) are absent while the key is generated, the
 * window ({@code fromSlot}, {@code toSlot}) until one is prepared, {@code highestSignedSlot} before
 * the first signature (JSON-B leaves out nulls).
 */
public record KeyDescription(
    long validatorIndex,
    String role,
    int height,
    int layers,
    String root,
    String publicSeed,
    String publicKey,
    Long activationSlot,
    Long fromSlot,
    Long toSlot,
    boolean preparing,
    Long preparingTree,
    String state,
    Long highestSignedSlot,
    long slotsLeft) {

  static KeyDescription of(KeyView key) {
    return new KeyDescription(
        key.validatorIndex(),
        key.role().name(),
        key.height(),
        key.layers(),
        key.root(),
        key.publicSeed(),
        key.publicKey(),
        key.activationSlot(),
        key.fromSlot(),
        key.toSlot(),
        key.preparing(),
        key.preparingTree(),
        key.state().name(),
        key.highestSignedSlot(),
        key.slotsLeft());
  }
}

package dev.cachet.web.keys;

import dev.cachet.keys.KeyView;
import dev.cachet.keys.PreparationProgress;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A validator key as the key endpoints write it: the API's own shape, so the core's {@link KeyView}
 * can change without changing the wire. The field names and JSON types are the contract; {@code
 * root}, {@code publicSeed} and {@code publicKey} (hex) are absent while the key is generated, the
 * window ({@code fromSlot}, {@code toSlot}) until one is prepared, {@code highestSignedSlot} before
 * the first signature, {@code preparation} unless a tree is being built (JSON-B leaves out nulls:
 * Yasson 3.0.4 also leaves out a null object-typed field marked {@code @JsonbNillable}).
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
    @Schema(
            nullable = true,
            description =
                "While a tree of the key is built (a generation, the next bottom tree, a"
                    + " catch-up), how far it is; absent (null) otherwise, also while a stored"
                    + " window loads at start (when preparing is true)")
        Preparation preparation,
    String state,
    Long highestSignedSlot,
    long slotsLeft) {

  /**
   * A running preparation: the bottom tree it builds, the leaves computed of the leaves it costs
   * (the upper trees a generation or a catch-up builds count too), when it started running (absent
   * while it waits for a preparation thread) and the whole seconds it is expected to need still,
   * the preparations queued ahead of it included.
   */
  @Schema(name = "KeyPreparation")
  public record Preparation(
      Long tree, long leavesDone, long leavesTotal, String startedAt, long etaSeconds) {

    static Preparation of(PreparationProgress p) {
      return p == null
          ? null
          : new Preparation(
              p.tree(),
              p.leavesDone(),
              p.leavesTotal(),
              p.startedAt() == null ? null : p.startedAt().toString(),
              p.etaSeconds());
    }
  }

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
        Preparation.of(key.preparation()),
        key.state().name(),
        key.highestSignedSlot(),
        key.slotsLeft());
  }
}

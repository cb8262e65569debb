package dev.cachet.keys;

import dev.cachet.xmss.PreparedWindow;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Function;

/** How a key's state and read view follow from its record, its window and the current slot. */
final class KeyViews {

  private KeyViews() {}

  /** Whether the key can still sign: neither retired nor exhausted. */
  static boolean live(SigningRecord record, long currentSlot) {
    return !record.retired() && !exhausted(record, currentSlot);
  }

  /** The wall clock passed the key's lifetime, or the key signed its last leaf. */
  static boolean exhausted(SigningRecord record, long currentSlot) {
    long lifetime = record.parameters().lifetime();
    return currentSlot >= lifetime
        || record.highest().map(h -> h.slot() == lifetime - 1).orElse(false);
  }

  static KeyState state(SigningRecord record, boolean windowPrepared, long currentSlot) {
    if (record == null) {
      return KeyState.PREPARING;
    }
    if (record.retired()) {
      return KeyState.RETIRED;
    }
    if (exhausted(record, currentSlot)) {
      return KeyState.EXHAUSTED;
    }
    return windowPrepared ? KeyState.ACTIVE : KeyState.PREPARING;
  }

  /**
   * @param progressOf the progress of a preparation of the key, if it builds trees
   */
  static KeyView of(
      KeyEntry entry,
      long currentSlot,
      Function<KeyEntry.Preparation, Optional<PreparationProgress>> progressOf) {
    SigningRecord record = entry.record;
    PreparedWindow window = entry.window;
    Optional<KeyEntry.Preparation> running = entry.running();
    Optional<PreparationProgress> preparation = running.flatMap(progressOf);
    KeyState state = state(record, window != null, currentSlot);
    if (record == null) {
      return new KeyView(
          entry.id.validatorIndex(),
          entry.id.role(),
          0,
          0,
          null,
          null,
          null,
          null,
          null,
          null,
          running.isPresent(),
          running.flatMap(p -> boxed(p.bottomTree())).orElse(null),
          preparation.orElse(null),
          state,
          null,
          0);
    }
    HexFormat hex = HexFormat.of();
    long lifetime = record.parameters().lifetime();
    long nextSignable =
        Math.max(
            Math.max(currentSlot, record.firstSignableSlot()),
            record.highest().map(h -> h.slot() + 1).orElse(0L));
    return new KeyView(
        entry.id.validatorIndex(),
        entry.id.role(),
        record.parameters().totalHeight(),
        record.parameters().layers(),
        hex.formatHex(record.publicKey().root()),
        hex.formatHex(record.publicKey().publicSeed()),
        hex.formatHex(record.publicKey().rfcBytes()),
        record.activationSlot(),
        window == null ? null : window.fromSlot(),
        window == null ? null : window.toSlot(),
        running.isPresent(),
        running.flatMap(p -> boxed(p.bottomTree())).orElse(null),
        preparation.orElse(null),
        state,
        record.highest().map(SignedSlot::slot).orElse(null),
        record.retired() ? 0 : Math.max(0, lifetime - nextSignable));
  }

  private static Optional<Long> boxed(java.util.OptionalLong value) {
    return value.isPresent() ? Optional.of(value.getAsLong()) : Optional.empty();
  }
}

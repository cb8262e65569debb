package dev.cachet.keys;

import dev.cachet.error.CachetException;
import dev.cachet.state.StateUpdate;
import java.util.Optional;

/**
 * Decides, from a key's durable record alone, what a request to sign {@code message} at {@code
 * slot} may do. The same decision is taken again under the vault's row lock when the signature is
 * recorded, so a record changed meanwhile (by another node on the same database) is honoured.
 */
final class SigningPolicy {

  private SigningPolicy() {}

  /** What the request may do. */
  sealed interface Verdict {}

  /** Sign a new slot with a new leaf. */
  record Fresh() implements Verdict {}

  /** The highest slot again with the same message: return its stored signature. */
  record Replay(byte[] signature) implements Verdict {}

  /** An earlier slot of the recent history with the same message: the same signature again. */
  record Recompute() implements Verdict {}

  /** Not at all, for the reason given. */
  record Refused(CachetException reason) implements Verdict {}

  /**
   * The verdict, with a refusal thrown.
   *
   * @throws KeyRetiredException if the key was retired
   * @throws KeyExhaustedException if the slot is past the lifetime
   * @throws SlotAlreadySignedException if the slot is at or below the watermark with another
   *     message, or below the first slot the key may sign
   */
  static Verdict decide(ValidatorKeyId id, SigningRecord record, long slot, SigningMessage m) {
    Verdict verdict = verdict(id, record, slot, m);
    if (verdict instanceof Refused refused) {
      throw refused.reason();
    }
    return verdict;
  }

  /** What {@code record} lets a request to sign {@code m} at {@code slot} do; never throws. */
  static Verdict verdict(ValidatorKeyId id, SigningRecord record, long slot, SigningMessage m) {
    if (record.retired()) {
      return new Refused(new KeyRetiredException(id));
    }
    long lifetime = record.parameters().lifetime();
    if (slot >= lifetime) {
      return new Refused(new KeyExhaustedException(id, slot, lifetime));
    }
    Optional<SignedSlot> highest = record.highest();
    if (highest.isPresent() && slot <= highest.get().slot()) {
      if (slot == highest.get().slot()) {
        return highest.get().message().equals(m)
            ? new Replay(record.highestSignature())
            : new Refused(
                new SlotAlreadySignedException(id, slot, "it was signed with another message"));
      }
      for (SignedSlot earlier : record.history()) {
        if (earlier.slot() == slot) {
          return earlier.message().equals(m)
              ? new Recompute()
              : new Refused(
                  new SlotAlreadySignedException(id, slot, "it was signed with another message"));
        }
      }
      return new Refused(
          new SlotAlreadySignedException(
              id, slot, "it is below the highest signed slot " + highest.get().slot()));
    }
    if (slot < record.firstSignableSlot()) {
      return new Refused(
          new SlotAlreadySignedException(
              id,
              slot,
              "it is below the first slot the key may sign, " + record.firstSignableSlot()));
    }
    return new Fresh();
  }

  /**
   * The record that follows {@code record} when {@code signature} signs {@code m} at {@code slot}:
   * present only if the record lets this request sign a fresh slot (Teku's {@code maySignBlock}:
   * the next record, or empty).
   */
  static Optional<SigningRecord> next(
      ValidatorKeyId id, SigningRecord record, long slot, SigningMessage m, byte[] signature) {
    return verdict(id, record, slot, m) instanceof Fresh
        ? Optional.of(record.withSignature(slot, m, signature))
        : Optional.empty();
  }

  /**
   * The vault update that records {@code signature} as the key's new highest slot, deciding again
   * on the record as the lock finds it; it changes nothing unless that record lets the slot be
   * signed fresh. The caller reads the record as it then stands and decides on that.
   */
  static StateUpdate recording(
      ValidatorKeyId id, long slot, SigningMessage message, byte[] signature) {
    return current -> {
      SigningRecord record =
          SigningRecordCodec.decode(current.orElseThrow(() -> new KeyNotFoundException(id)));
      return next(id, record, slot, message, signature).map(SigningRecordCodec::encode);
    };
  }
}

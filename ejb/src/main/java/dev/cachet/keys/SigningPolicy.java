package dev.cachet.keys;

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

  /**
   * @throws KeyRetiredException if the key was retired
   * @throws KeyExhaustedException if the slot is past the lifetime
   * @throws SlotAlreadySignedException if the slot is at or below the watermark with another
   *     message, or below the first slot the key may sign
   */
  static Verdict decide(ValidatorKeyId id, SigningRecord record, long slot, SigningMessage m) {
    if (record.retired()) {
      throw new KeyRetiredException(id);
    }
    long lifetime = record.parameters().lifetime();
    if (slot >= lifetime) {
      throw new KeyExhaustedException(id, slot, lifetime);
    }
    Optional<SignedSlot> highest = record.highest();
    if (highest.isPresent() && slot <= highest.get().slot()) {
      if (slot == highest.get().slot()) {
        if (highest.get().message().equals(m)) {
          return new Replay(record.highestSignature());
        }
        throw new SlotAlreadySignedException(id, slot, "it was signed with another message");
      }
      for (SignedSlot earlier : record.history()) {
        if (earlier.slot() == slot) {
          if (earlier.message().equals(m)) {
            return new Recompute();
          }
          throw new SlotAlreadySignedException(id, slot, "it was signed with another message");
        }
      }
      throw new SlotAlreadySignedException(
          id, slot, "it is below the highest signed slot " + highest.get().slot());
    }
    if (slot < record.firstSignableSlot()) {
      throw new SlotAlreadySignedException(
          id, slot, "it is below the first slot the key may sign, " + record.firstSignableSlot());
    }
    return new Fresh();
  }

  /**
   * The vault update that records {@code signature} as the key's new highest slot, deciding again
   * on the record as the lock finds it; it changes nothing if that record holds the same slot and
   * message already. The record it wrote is left in {@code written}.
   */
  static StateUpdate recording(
      ValidatorKeyId id, long slot, SigningMessage message, byte[] signature, Written written) {
    return current -> {
      SigningRecord record =
          SigningRecordCodec.decode(current.orElseThrow(() -> new KeyNotFoundException(id)));
      written.record = record; // also when the decision below refuses
      if (!(decide(id, record, slot, message) instanceof Fresh)) {
        return Optional.empty();
      }
      written.record = record.withSignature(slot, message, signature);
      return Optional.of(SigningRecordCodec.encode(written.record));
    };
  }

  /**
   * The record an update produced (or found, also when it refused), for the caller to keep in
   * memory.
   */
  static final class Written {
    SigningRecord record;
  }
}

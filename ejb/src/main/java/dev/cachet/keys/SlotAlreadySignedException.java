package dev.cachet.keys;

import dev.cachet.error.ConflictException;

/**
 * The slot is at or below the key's highest signed slot with another message, or below the first
 * slot it may sign: signing it could use a leaf twice.
 */
public class SlotAlreadySignedException extends ConflictException {

  public SlotAlreadySignedException(ValidatorKeyId id, long slot, String why) {
    super("SLOT_ALREADY_SIGNED", "the " + id + " refuses slot " + slot + ": " + why);
  }
}
